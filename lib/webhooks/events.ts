// The one catalogue of webhook events. Nothing else in the code spells an event name.
// Wire names are Documenso's (the POST body's `event`); the UI shows the dotted form.

export const WEBHOOK_EVENTS = [
  { wire: "DOCUMENT_CREATED", description: "A document is created" },
  { wire: "DOCUMENT_SENT", description: "A document is sent to its recipients" },
  { wire: "DOCUMENT_OPENED", description: "A recipient opens a document" },
  { wire: "DOCUMENT_SIGNED", description: "A recipient signs a document" },
  { wire: "DOCUMENT_COMPLETED", description: "All recipients have signed" },
  { wire: "DOCUMENT_REJECTED", description: "A recipient rejects a document" },
  { wire: "DOCUMENT_CANCELLED", description: "The owner cancels a document" },
  { wire: "DOCUMENT_RECIPIENT_COMPLETED", description: "One recipient finishes their part" },
  { wire: "DOCUMENT_REMINDER_SENT", description: "A reminder goes out" },
  { wire: "RECIPIENT_EXPIRED", description: "A recipient's signing window expires" },
  { wire: "TEMPLATE_CREATED", description: "A template is created" },
  { wire: "TEMPLATE_UPDATED", description: "A template is updated" },
  { wire: "TEMPLATE_DELETED", description: "A template is deleted" },
  { wire: "TEMPLATE_USED", description: "A document is created from a template" },
] as const;

export type WireEventName = (typeof WEBHOOK_EVENTS)[number]["wire"];

export const WIRE_EVENT_NAMES = WEBHOOK_EVENTS.map((e) => e.wire) as unknown as readonly [WireEventName, ...WireEventName[]];

/** DOCUMENT_RECIPIENT_COMPLETED -> document.recipient.completed */
export function toDottedName(wire: WireEventName): string {
  return wire.toLowerCase().replaceAll("_", ".");
}

export const DOTTED_EVENT_NAMES = WIRE_EVENT_NAMES.map(toDottedName);

const byAnyName = new Map<string, WireEventName>();
for (const wire of WIRE_EVENT_NAMES) {
  byAnyName.set(wire, wire);
  byAnyName.set(toDottedName(wire), wire);
}

/** Accepts either form ("document.signed" or "DOCUMENT_SIGNED"); undefined when unknown. */
export function parseEventName(name: string): WireEventName | undefined {
  return byAnyName.get(name);
}

export function isDocumentEvent(wire: WireEventName): boolean {
  return !wire.startsWith("TEMPLATE_");
}

/** Groups for the UI: the five everyday document events first, then the rest, then templates. */
export const EVENT_GROUPS: { label: string; events: WireEventName[] }[] = [
  {
    label: "Documents",
    events: ["DOCUMENT_CREATED", "DOCUMENT_SENT", "DOCUMENT_OPENED", "DOCUMENT_SIGNED", "DOCUMENT_COMPLETED"],
  },
  {
    label: "More document events",
    events: [
      "DOCUMENT_REJECTED",
      "DOCUMENT_CANCELLED",
      "DOCUMENT_RECIPIENT_COMPLETED",
      "DOCUMENT_REMINDER_SENT",
      "RECIPIENT_EXPIRED",
    ],
  },
  { label: "Templates", events: ["TEMPLATE_CREATED", "TEMPLATE_UPDATED", "TEMPLATE_DELETED", "TEMPLATE_USED"] },
];
