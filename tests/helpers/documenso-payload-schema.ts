import { z } from "zod";

// Documenso's own schema of what its webhooks send (packages/lib/types/webhook-payload.ts in
// documenso/documenso: ZWebhookRecipientSchema, ZWebhookDocumentMetaSchema,
// ZWebhookDocumentSchema), written out in zod 4 with strict objects: a sample that has a field
// Documenso does not send, or lacks one it does, fails. Dates are ISO strings on the wire.
// Key order is Documenso's too (zod builds its output in the schema's order).

const isoDate = z.iso.datetime();
const envelopeId = z.string().regex(/^envelope_[abcdefhiklmnorstuvwxyz]{16}$/);

export const DOCUMENSO_RECIPIENT = z.strictObject({
  id: z.number().int(),
  envelopeId,
  documentId: z.number().int().nullable(),
  templateId: z.number().int().nullable(),
  email: z.string(),
  name: z.string(),
  token: z.string(),
  documentDeletedAt: isoDate.nullable(),
  expiresAt: isoDate.nullable(),
  expirationNotifiedAt: isoDate.nullable(),
  signedAt: isoDate.nullable(),
  authOptions: z.any().nullable(),
  signingOrder: z.number().int().nullable(),
  rejectionReason: z.string().nullable(),
  role: z.enum(["CC", "SIGNER", "VIEWER", "APPROVER", "ASSISTANT"]),
  readStatus: z.enum(["NOT_OPENED", "OPENED"]),
  signingStatus: z.enum(["NOT_SIGNED", "SIGNED", "REJECTED"]),
  sendStatus: z.enum(["NOT_SENT", "SENT"]),
});

export const DOCUMENSO_DOCUMENT_META = z.strictObject({
  id: z.string(),
  subject: z.string().nullable(),
  message: z.string().nullable(),
  timezone: z.string(),
  dateFormat: z.string(),
  redirectUrl: z.string().nullable(),
  signingOrder: z.enum(["PARALLEL", "SEQUENTIAL"]),
  allowDictateNextSigner: z.boolean(),
  typedSignatureEnabled: z.boolean(),
  uploadSignatureEnabled: z.boolean(),
  drawSignatureEnabled: z.boolean(),
  language: z.string(),
  distributionMethod: z.enum(["EMAIL", "NONE"]),
  emailSettings: z.any().nullable(),
});

export const DOCUMENSO_DOCUMENT = z.strictObject({
  id: z.number().int(),
  envelopeId,
  externalId: z.string().nullable(),
  userId: z.number().int(),
  authOptions: z.any().nullable(),
  formValues: z.any().nullable(),
  visibility: z.enum(["EVERYONE", "MANAGER_AND_ABOVE", "ADMIN"]),
  title: z.string(),
  status: z.enum(["DRAFT", "PENDING", "COMPLETED", "REJECTED", "CANCELLED"]),
  createdAt: isoDate,
  updatedAt: isoDate,
  completedAt: isoDate.nullable(),
  deletedAt: isoDate.nullable(),
  teamId: z.number().int().nullable(),
  templateId: z.number().int().nullable(),
  source: z.enum(["DOCUMENT", "TEMPLATE", "TEMPLATE_DIRECT_LINK"]),
  documentMeta: DOCUMENSO_DOCUMENT_META.nullable(),
  recipients: z.array(DOCUMENSO_RECIPIENT),
  Recipient: z.array(DOCUMENSO_RECIPIENT),
});

/** Every key of an object tree, in order, so a test can compare layouts. */
export function keyOrder(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keyOrder);
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keyOrder(inner).map((k) => `${key}.${k}`)]);
}
