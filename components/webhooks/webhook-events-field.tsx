"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { FieldError } from "@/components/ui/field-error";
import { WEBHOOK_GUIDE_PATH } from "@/components/webhook-guide/guide-paths";
import { EVENT_GROUPS, toDottedName, WEBHOOK_EVENTS } from "@/lib/webhooks/events";

const DESCRIPTIONS = new Map<string, string>(WEBHOOK_EVENTS.map((e) => [e.wire, e.description]));
const ALL_DOTTED = EVENT_GROUPS.flatMap((group) => group.events.map(toDottedName));

/**
 * Event checkboxes, grouped as the catalogue groups them, each group with its own Select all;
 * the value is a list of dotted names. Examples live in one place, the guide (opened in a new
 * tab so the form is kept), rather than a button per event: fewer stops for the keyboard.
 */
export function WebhookEventsField({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const selected = new Set(value);
  const toggle = (name: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(name);
    else next.delete(name);
    // Keep catalogue order, so the saved list and the badges read the same way every time.
    onChange(ALL_DOTTED.filter((n) => next.has(n)));
  };
  const isAllSelected = ALL_DOTTED.every((n) => selected.has(n));
  const setMany = (names: string[], checked: boolean) => {
    const next = new Set(selected);
    for (const name of names) {
      if (checked) next.add(name);
      else next.delete(name);
    }
    onChange(ALL_DOTTED.filter((n) => next.has(n)));
  };

  return (
    <fieldset className="grid gap-3" aria-describedby="events-error" aria-invalid={!!error}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <legend className="text-sm font-medium">Events</legend>
        <div className="flex items-center gap-4">
          <a
            href={`${WEBHOOK_GUIDE_PATH}#guide-events`}
            target="_blank"
            rel="noopener"
            className="text-xs font-medium text-neutral-600 underline underline-offset-4 hover:text-neutral-900"
          >
            Example payloads
          </a>
          <button
            type="button"
            className="cursor-pointer text-xs font-medium text-neutral-600 underline-offset-4 hover:text-neutral-900 hover:underline"
            onClick={() => onChange(isAllSelected ? [] : ALL_DOTTED)}
          >
            {isAllSelected ? "Clear all" : "Select all"}
          </button>
        </div>
      </div>
      <div className="grid gap-4 rounded-md border border-neutral-200 p-3">
        {EVENT_GROUPS.map((group) => {
          const names = group.events.map(toDottedName);
          const isGroupSelected = names.every((n) => selected.has(n));
          return (
            <div key={group.label} className="grid gap-2">
              <div className="flex items-center justify-between gap-2">
                <p className="text-xs font-medium uppercase tracking-wide text-neutral-500">{group.label}</p>
                <button
                  type="button"
                  aria-label={`${isGroupSelected ? "Clear" : "Select all"} ${group.label}`}
                  className="cursor-pointer text-xs text-neutral-600 underline-offset-4 hover:text-neutral-900 hover:underline"
                  onClick={() => setMany(names, !isGroupSelected)}
                >
                  {isGroupSelected ? "Clear" : "Select all"}
                </button>
              </div>
              <div className="flex flex-wrap gap-x-6 gap-y-2">
                {group.events.map((wire) => {
                  const name = toDottedName(wire);
                  const id = `event-${name}`;
                  return (
                    <div key={wire} className="flex min-w-0 items-center gap-2" title={DESCRIPTIONS.get(wire)}>
                      <Checkbox
                        id={id}
                        checked={selected.has(name)}
                        onCheckedChange={(checked) => toggle(name, checked === true)}
                      />
                      <label htmlFor={id} className="cursor-pointer font-mono text-xs">
                        {name}
                      </label>
                    </div>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
      <FieldError id="events-error" message={error} />
    </fieldset>
  );
}
