import { z } from "zod";

// Documenso's Document, the `payload` of every event; template events carry the
// template in the same shape. We check the fields receivers branch on (id, title, status,
// recipients' email and statuses) and let every other field through unchanged, so a payload
// from a newer Documenso with extra fields is still accepted.

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
  readStatus: oneOf(READ_STATUSES),
  signingStatus: oneOf(SIGNING_STATUSES),
  sendStatus: oneOf(SEND_STATUSES),
  signedAt: z.string(expected("an ISO date string or null")).nullable().optional(),
});

const ZRecipientsSchema = z.array(ZRecipientSchema, expected("an array of recipients")).max(RECIPIENTS_MAX);

export const ZDocumentPayloadSchema = z.looseObject(
  {
    id: z.number(expected("an integer")).int(),
    title: z.string(expected("a string")).max(FIELD_MAX_LENGTH),
    status: oneOf(DOCUMENT_STATUSES),
    recipients: ZRecipientsSchema,
    /** Documenso's older duplicate of `recipients`, still sent. */
    Recipient: ZRecipientsSchema.optional(),
  },
  expected("the document as a JSON object"),
);
export type TDocumentPayload = z.infer<typeof ZDocumentPayloadSchema>;

/**
 * The payload as it will be stored and sent: the caller's JSON unchanged (same fields, same
 * order) except that recipients' signing `token`s are dropped, so they never reach a receiver
 * (Documenso leaks them; we do not). Call after validation.
 */
export function stripRecipientTokens(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...payload };
  for (const key of ["recipients", "Recipient"]) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = list.map(withoutToken);
  }
  return out;
}

function withoutToken(recipient: unknown): unknown {
  if (!recipient || typeof recipient !== "object" || !("token" in recipient)) return recipient;
  const rest: Record<string, unknown> = { ...recipient };
  delete rest.token;
  return rest;
}
