"use client";

import { Button } from "@/components/ui/button";
import { copyToClipboard } from "@/components/ui/copy-to-clipboard";
import { useToast } from "@/components/ui/toast";

/** A small "Copy" button with a toast; `label` names what is copied for screen readers. */
export function CopyButton({
  text,
  label,
  what,
}: {
  text: string | (() => Promise<string | null>);
  label: string;
  what: string;
}) {
  const toast = useToast();
  async function copy() {
    const value = typeof text === "string" ? text : await text();
    if (value === null) return;
    const isCopied = await copyToClipboard(value);
    toast(isCopied ? { title: `${what} copied` } : { title: `Could not copy the ${what.toLowerCase()}`, variant: "destructive" });
  }
  return (
    <Button variant="outline" size="sm" onClick={copy} aria-label={label}>
      Copy
    </Button>
  );
}
