"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** Exact search by delivery id (msg_…) or event id (evt_…); applied on Enter or after a pause in typing. */
export function DeliverySearch({ value, onChange }: { value: string; onChange: (next: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text.trim()), 400);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);

  return (
    <form
      role="search"
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(text.trim());
      }}
    >
      <label htmlFor="delivery-search" className="sr-only">
        Search by delivery or event id
      </label>
      <Input
        id="delivery-search"
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="msg_… or evt_…"
        className="h-8 w-56 font-mono text-xs"
        spellCheck={false}
        autoComplete="off"
      />
      {value ? (
        <Button variant="ghost" size="sm" onClick={() => onChange("")}>
          Clear
        </Button>
      ) : null}
    </form>
  );
}
