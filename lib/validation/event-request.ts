import { z } from "zod";
import { memberText } from "@/lib/json/json-text";
import { DOTTED_EVENT_NAMES, parseEventName, type WireEventName } from "@/lib/webhooks/events";

// The body of POST /api/v1/events: { event, payload, idempotencyKey? }. A delivery body as
// Documenso sends it (with createdAt and webhookEndpoint) is accepted as it is.

// Documenso's Document, the `payload` of every event; template events carry the template in
// the same shape. We check the fields receivers branch on (id, title, status, recipients'
// email and signing status, and the other statuses when present) and let every other field
// through unchanged, so a payload from a newer Documenso with extra fields is still accepted,
// and so is each shorter example in Documenso's docs.

export const DOCUMENT_STATUSES = ["DRAFT", "PENDING", "COMPLETED", "REJECTED", "CANCELLED"] as const;
export const RECIPIENT_ROLES = ["CC", "SIGNER", "VIEWER", "APPROVER", "ASSISTANT"] as const;
export const READ_STATUSES = ["NOT_OPENED", "OPENED"] as const;
export const SIGNING_STATUSES = ["NOT_SIGNED", "SIGNED", "REJECTED"] as const;
export const SEND_STATUSES = ["NOT_SENT", "SENT"] as const;

const FIELD_MAX_LENGTH = 10_000;
const RECIPIENTS_MAX = 1_000;

/** Error text that tells a missing field from a wrong one. */
const expected = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "Required" : `Expected ${what}`),
});

const ZEmailSchema = z
  .string(expected("an email address"))
  .max(320, "An email address is at most 320 characters")
  .regex(/^[^\s@]+@[^\s@]+$/, "Expected an email address");

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, expected(`one of ${values.join(", ")}`));

export const ZRecipientSchema = z.looseObject({
  id: z.number(expected("an integer")).int().optional(),
  email: ZEmailSchema,
  name: z.string(expected("a string")).max(FIELD_MAX_LENGTH).optional(),
  role: oneOf(RECIPIENT_ROLES).optional(),
  readStatus: oneOf(READ_STATUSES).optional(),
  signingStatus: oneOf(SIGNING_STATUSES),
  sendStatus: oneOf(SEND_STATUSES).optional(),
  signedAt: z.string(expected("an ISO date string or null")).nullable().optional(),
});

const ZRecipientsSchema = z.array(ZRecipientSchema, expected("an array of recipients")).max(RECIPIENTS_MAX);

export const ZDocumentPayloadSchema = z
  .looseObject(
    {
      id: z.number(expected("an integer")).int(),
      title: z.string(expected("a string")).max(FIELD_MAX_LENGTH),
      status: oneOf(DOCUMENT_STATUSES),
      recipients: ZRecipientsSchema.optional(),
      /** Documenso's older duplicate of `recipients`, still sent; older versions sent only this one. */
      Recipient: ZRecipientsSchema.optional(),
    },
    expected("the document as a JSON object"),
  )
  .superRefine((document, ctx) => {
    if (document.recipients === undefined && document.Recipient === undefined) {
      ctx.addIssue({ code: "custom", path: ["recipients"], message: "Required" });
    }
  });
export type TDocumentPayload = z.infer<typeof ZDocumentPayloadSchema>;

// ---- The request ------------------------------------------------------------------------

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
