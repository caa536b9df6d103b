import { z } from "zod";
import { allowPrivateTargets } from "@/lib/config";
import { literalPrivateAddressReason } from "@/lib/validation/url-address";
import { ZWebhookFormSchema, ZWebhookUrlShapeSchema } from "@/lib/validation/webhook-fields";

// One schema for the server actions and the API: the form's (webhook-fields.ts, which the
// browser runs through zodResolver) plus the server-only check of literal private addresses.

export { ZWebhookEventsSchema, ZWebhookSecretSchema } from "@/lib/validation/webhook-fields";

export const ZWebhookUrlSchema = ZWebhookUrlShapeSchema.superRefine((href, ctx) => {
  const reason = literalPrivateAddressReason(new URL(href).hostname);
  if (reason) ctx.addIssue({ code: "custom", message: reason });
});

const ZWebhookServerFieldsSchema = ZWebhookFormSchema.extend({ url: ZWebhookUrlSchema });
type WebhookServerFields = z.output<typeof ZWebhookServerFieldsSchema>;

/**
 * X-Documenso-Secret carries the secret itself: only with a secret to send, and only over
 * https (WEBHOOK_ALLOW_PRIVATE, for local receivers, lifts that). `hasSecret` answers for
 * the form's secret field, whose meaning differs between create and edit.
 */
function checkSecretHeader(fields: WebhookServerFields, hasSecret: boolean, ctx: z.RefinementCtx): void {
  if (!fields.sendSecretHeader) return;
  if (!hasSecret) {
    ctx.addIssue({
      code: "custom",
      path: ["sendSecretHeader"],
      message: "Set a secret first: this sends it in X-Documenso-Secret",
    });
  } else if (new URL(fields.url).protocol === "http:" && !allowPrivateTargets()) {
    ctx.addIssue({
      code: "custom",
      path: ["sendSecretHeader"],
      message: "The secret would travel unencrypted: X-Documenso-Secret needs an https:// URL",
    });
  }
}

export const ZCreateWebhookSchema = ZWebhookServerFieldsSchema.superRefine((fields, ctx) => {
  checkSecretHeader(fields, !!fields.secret, ctx);
  // Nothing is stored yet, so every header needs its value.
  fields.customHeaders.forEach((header, index) => {
    if (header.value === undefined) {
      ctx.addIssue({ code: "custom", path: ["customHeaders", index, "value"], message: `Enter a value for ${header.name}` });
    }
  });
});

/** Form values before parsing (events as dotted or wire names). */
export type TCreateWebhookInput = z.input<typeof ZCreateWebhookSchema>;
export type TCreateWebhookSchema = z.output<typeof ZCreateWebhookSchema>;

/**
 * Secret: undefined keeps the stored one, "" removes it. A custom header without a value
 * keeps the value stored under its name (a name with no stored value is dropped).
 */
export const ZUpdateWebhookSchema = ZWebhookServerFieldsSchema.extend({
  id: z.string({ error: "Missing webhook id" }).min(1).max(64),
}).superRefine((fields, ctx) => checkSecretHeader(fields, fields.secret !== "", ctx));
export type TUpdateWebhookInput = z.input<typeof ZUpdateWebhookSchema>;
export type TUpdateWebhookSchema = z.output<typeof ZUpdateWebhookSchema>;

export const ZWebhookIdSchema = z.object({ id: z.string({ error: "Missing webhook id" }).min(1).max(64) });
