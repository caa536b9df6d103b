import { z } from "zod";
import { literalPrivateAddressReason } from "@/lib/validation/url-address";
import { ZWebhookFormSchema, ZWebhookUrlShapeSchema } from "@/lib/validation/webhook-fields";

// One schema for the server actions and the API: the form's (webhook-fields.ts, which the
// browser runs through zodResolver) plus the server-only check of literal private addresses.

export { ZWebhookEventsSchema, ZWebhookSecretSchema } from "@/lib/validation/webhook-fields";

export const ZWebhookUrlSchema = ZWebhookUrlShapeSchema.superRefine((value, ctx) => {
  let hostname: string;
  try {
    hostname = new URL(value).hostname;
  } catch {
    return; // the shape check already said so
  }
  const reason = literalPrivateAddressReason(hostname);
  if (reason) ctx.addIssue({ code: "custom", message: reason });
});

export const ZCreateWebhookSchema = ZWebhookFormSchema.extend({ url: ZWebhookUrlSchema });

/** Form values before parsing (events as dotted or wire names). */
export type TCreateWebhookInput = z.input<typeof ZCreateWebhookSchema>;
export type TCreateWebhookSchema = z.output<typeof ZCreateWebhookSchema>;

export const ZUpdateWebhookSchema = ZCreateWebhookSchema.extend({
  id: z.string({ error: "Missing webhook id" }).min(1).max(64),
});
export type TUpdateWebhookInput = z.input<typeof ZUpdateWebhookSchema>;
export type TUpdateWebhookSchema = z.output<typeof ZUpdateWebhookSchema>;

export const ZWebhookIdSchema = z.object({ id: z.string({ error: "Missing webhook id" }).min(1).max(64) });
