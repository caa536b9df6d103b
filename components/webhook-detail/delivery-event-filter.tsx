"use client";

import * as MenuPrimitive from "@radix-ui/react-dropdown-menu";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

/** Multi-select of events (dotted names); the menu stays open while ticking several. */
export function DeliveryEventFilter({
  options,
  value,
  onChange,
}: {
  options: string[];
  value: string[];
  onChange: (next: string[]) => void;
}) {
  const selected = new Set(value);
  const label = value.length === 0 ? "All events" : value.length === 1 ? value[0] : `${value.length} events`;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Filter by event: ${label}`}>
          <span className="font-mono">{label}</span>
          <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
            <path d="M4 6l4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="max-h-80 overflow-y-auto">
        {options.map((name) => (
          <MenuPrimitive.CheckboxItem
            key={name}
            checked={selected.has(name)}
            onSelect={(event) => event.preventDefault()}
            onCheckedChange={(checked) => onChange(options.filter((n) => (n === name ? checked : selected.has(n))))}
            className="relative flex cursor-pointer select-none items-center gap-2 rounded-sm py-1.5 pl-7 pr-2 font-mono text-[13px] outline-none focus:bg-neutral-100"
          >
            <MenuPrimitive.ItemIndicator className="absolute left-2 inline-flex">
              <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="2.5" aria-hidden>
                <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
            </MenuPrimitive.ItemIndicator>
            {name}
          </MenuPrimitive.CheckboxItem>
        ))}
        {value.length > 0 ? (
          <>
            <DropdownMenuSeparator />
            <MenuPrimitive.Item
              onSelect={() => onChange([])}
              className="flex cursor-pointer select-none items-center rounded-sm px-2 py-1.5 text-sm outline-none focus:bg-neutral-100"
            >
              Show all events
            </MenuPrimitive.Item>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
