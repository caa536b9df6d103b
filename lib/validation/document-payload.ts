import { z } from "zod";

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
