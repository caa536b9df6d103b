import { z } from "zod";
import { limits } from "@/lib/config";
import { DOTTED_EVENT_NAMES, parseEventName, type WireEventName } from "@/lib/webhooks/events";
import { literalPrivateAddressReason } from "@/lib/validation/url-address";

// One schema for the Create/Edit form (zodResolver), the server actions and the API.

export const ZWebhookUrlSchema = z
  .string({ error: "Enter a webhook URL" })
  .trim()
  .min(1, "Enter a webhook URL")
  .max(limits.urlMaxLength, `The URL must be at most ${limits.urlMaxLength} characters`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a valid URL, such as https://example.com/webhook" });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "The URL must start with http:// or https://" });
      return;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "The URL must not contain a user name or password" });
      return;
    }
    const reason = literalPrivateAddressReason(url.hostname);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });

export const ZWebhookEventsSchema = z
  .array(z.string(), { error: "Choose at least one event" })
  .min(1, "Choose at least one event")
  .max(DOTTED_EVENT_NAMES.length * 2, "Too many events")
  .superRefine((names, ctx) => {
    const unknown = names.filter((name) => !parseEventName(name));
    if (unknown.length > 0) {
      ctx.addIssue({ code: "custom", message: `Unknown event: ${unknown.slice(0, 3).join(", ")}` });
    }
  })
  .transform((names) => [...new Set(names.map((name) => parseEventName(name) as WireEventName))]);

export const ZWebhookSecretSchema = z
  .string({ error: "The secret must be text" })
  .trim()
  .max(limits.secretMaxLength, `The secret must be at most ${limits.secretMaxLength} characters`)
  .refine((value) => value !== "whsec_", "A secret of only \"whsec_\" is empty: generate one or leave it blank")
  .optional();

export const ZCreateWebhookSchema = z.object({
  url: ZWebhookUrlSchema,
  events: ZWebhookEventsSchema,
  secret: ZWebhookSecretSchema,
  enabled: z.boolean({ error: "Enabled must be true or false" }).default(true),
});

/** Form values before parsing (events as dotted or wire names). */
export type TCreateWebhookInput = z.input<typeof ZCreateWebhookSchema>;
export type TCreateWebhookSchema = z.output<typeof ZCreateWebhookSchema>;

export const ZUpdateWebhookSchema = ZCreateWebhookSchema.extend({
  id: z.string({ error: "Missing webhook id" }).min(1).max(64),
});
export type TUpdateWebhookInput = z.input<typeof ZUpdateWebhookSchema>;
export type TUpdateWebhookSchema = z.output<typeof ZUpdateWebhookSchema>;

export const ZWebhookIdSchema = z.object({ id: z.string({ error: "Missing webhook id" }).min(1).max(64) });
