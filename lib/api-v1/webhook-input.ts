import { createHash } from "node:crypto";
import { z } from "zod";
import { generateWebhookSecret } from "@/lib/crypto/generate-webhook-secret";
import { type TUpdateWebhookInput, ZCreateWebhookSchema } from "@/lib/validation/webhook";
import {
  ZWebhookEventsSchema,
  ZWebhookRateLimitSchema,
  ZWebhookSecretSchema,
  ZWebhookUrlShapeSchema,
} from "@/lib/validation/webhook-fields";
import { ZWebhookCustomHeadersSchema } from "@/lib/validation/webhook-headers";
import type { WebhookView } from "@/lib/webhooks/webhook-view";

// How the API's webhook bodies become the inputs of the form's schemas: the same fields and
// checks as the Create and Edit dialogs, with the API's own conventions on top (a secret
// generated when none is given, `null` to remove one, PATCH leaving out what it doesn't change).

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** POST /api/v1/webhooks: the form's create schema; unknown fields are refused, not dropped. */
export const ZApiCreateWebhookSchema = ZCreateWebhookSchema.strict();

/**
 * The create body for ZApiCreateWebhookSchema. No `secret`: the server generates one (and
 * answers with it, once); `secret: null` or "": a webhook without a secret.
 */
export function createWebhookInput(body: unknown): { input: unknown; isSecretGenerated: boolean } {
  if (!isObject(body)) return { input: body, isSecretGenerated: false };
  if (body.secret === undefined) return { input: { ...body, secret: generateWebhookSecret() }, isSecretGenerated: true };
  return { input: body.secret === null ? { ...body, secret: "" } : body, isSecretGenerated: false };
}

/** The request's fingerprint for Idempotency-Key: the body as parsed, so whitespace does not count. */
export function requestHash(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body), "utf8").digest("hex");
}

/**
 * PATCH /api/v1/webhooks/{id}: every field of the form, each optional; a field left out keeps
 * its value. `secret: null` (or "") removes the secret. Custom headers replace the list; one
 * given without `value` keeps the value stored under its name.
 */
export const ZApiUpdateWebhookSchema = z.strictObject({
  url: ZWebhookUrlShapeSchema.optional(),
  events: ZWebhookEventsSchema.optional(),
  secret: ZWebhookSecretSchema.nullable(),
  enabled: z.boolean({ error: "Enabled must be true or false" }).optional(),
  sendSecretHeader: z.boolean({ error: "Expected true or false" }).optional(),
  includeRecipientTokens: z.boolean({ error: "Expected true or false" }).optional(),
  customHeaders: ZWebhookCustomHeadersSchema.unwrap().optional(),
  rateLimitPerSecond: ZWebhookRateLimitSchema.optional(),
});
export type TApiUpdateWebhookSchema = z.output<typeof ZApiUpdateWebhookSchema>;

/** The Edit dialog's input (for ZUpdateWebhookSchema): the webhook as it is, with the patch on top. */
export function patchedWebhookInput(current: WebhookView, patch: TApiUpdateWebhookSchema): TUpdateWebhookInput {
  return {
    id: current.id,
    url: patch.url ?? current.url,
    events: patch.events ?? current.events,
    // undefined keeps the stored secret, "" stands for none: what the Edit dialog sends.
    secret: patch.secret === null ? "" : (patch.secret ?? (current.hasSecret ? undefined : "")),
    enabled: patch.enabled ?? current.enabled,
    sendSecretHeader: patch.sendSecretHeader ?? current.sendSecretHeader,
    includeRecipientTokens: patch.includeRecipientTokens ?? current.includeRecipientTokens,
    customHeaders: patch.customHeaders ?? current.customHeaderNames.map((name) => ({ name })),
    rateLimitPerSecond: patch.rateLimitPerSecond === undefined ? current.rateLimitPerSecond : patch.rateLimitPerSecond,
  };
}
