import { z } from "zod";
import { memberText } from "@/lib/json/json-text";
import { ZDocumentPayloadSchema } from "@/lib/validation/document-payload";
import { DOTTED_EVENT_NAMES, parseEventName, type WireEventName } from "@/lib/webhooks/events";

// The body of POST /api/v1/events: { event, payload, idempotencyKey? }. A delivery body as
// Documenso sends it (with createdAt and webhookEndpoint) is accepted as it is.

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
const ISSUES_MAX = 50;
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

export const ZEventNameSchema = z
  .string({ error: "Expected an event name such as document.signed" })
  .refine((name) => parseEventName(name) !== undefined, { error: "Unknown event" })
  .transform((name) => parseEventName(name) as WireEventName);

/** An idempotency key: the `idempotencyKey` of an event, the Idempotency-Key header of an API create. */
export const ZIdempotencyKeySchema = z
  .string({ error: "Expected a string" })
  .min(1, "The idempotency key must not be empty")
  .max(IDEMPOTENCY_KEY_MAX_LENGTH, `The idempotency key must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`)
  // Control characters (NUL above all: Postgres text refuses it) are never part of a real key.
  .regex(NO_CONTROL_CHARACTERS, "The idempotency key must not contain control characters");

// Strict: a misspelt key (say "idempotency_key") must fail loudly, not silently drop the
// caller's protection against duplicates.
export const ZEventRequestSchema = z.strictObject(
  {
    event: ZEventNameSchema,
    payload: ZDocumentPayloadSchema,
    idempotencyKey: ZIdempotencyKeySchema.nullish(),
    // A Documenso delivery's own envelope fields: accepted so one can be posted unchanged, and
    // ignored, because each of our deliveries carries its own time and URL.
    createdAt: z.string({ error: "Expected a string" }).max(100).optional(),
    webhookEndpoint: z.string({ error: "Expected a string" }).max(4096).optional(),
  },
  { error: "The body must be a JSON object with event and payload" },
);

export type EventRequestIssue = { path: string; message: string };

export type ParsedEventRequest = {
  type: WireEventName;
  /** The payload's JSON text exactly as the caller wrote it, recipients' tokens included. */
  payloadJson: string;
  idempotencyKey?: string;
};

export type ParseEventRequestResult =
  | { ok: true; value: ParsedEventRequest }
  | { ok: false; code: "unknown_event"; message: string; validEvents: string[] }
  | { ok: false; code: "invalid_request"; message: string; issues: EventRequestIssue[] };

/**
 * Validates a parsed JSON body. `bodyText` is the text it was parsed from: the payload is cut
 * out of it rather than re-serialised, so numbers, escapes and layout reach receivers unchanged.
 */
export function parseEventRequest(body: unknown, bodyText: string = JSON.stringify(body)): ParseEventRequestResult {
  const event = (body as { event?: unknown } | null)?.event;
  if (typeof event === "string" && parseEventName(event) === undefined) {
    return {
      ok: false,
      code: "unknown_event",
      message: `Unknown event "${event.slice(0, 100)}". Use one of: ${DOTTED_EVENT_NAMES.join(", ")} (or the wire name, e.g. DOCUMENT_SIGNED).`,
      validEvents: [...DOTTED_EVENT_NAMES],
    };
  }
  const parsed = ZEventRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, ISSUES_MAX).map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    }));
    const first = issues[0];
    return {
      ok: false,
      code: "invalid_request",
      message: `The request body is not valid: ${first.path ? `${first.path}: ` : ""}${first.message}`,
      issues,
    };
  }
  return {
    ok: true,
    value: {
      type: parsed.data.event,
      // The caller's own text, not zod's copy: field order, unknown fields and every digit stay as sent.
      payloadJson: memberText(bodyText, "payload") as string,
      idempotencyKey: parsed.data.idempotencyKey ?? undefined,
    },
  };
}
