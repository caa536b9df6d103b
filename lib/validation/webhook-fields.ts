import { z } from "zod";
import { FIELD_LIMITS } from "@/lib/field-limits";
import { ZWebhookCustomHeadersSchema } from "@/lib/validation/webhook-headers";
import { DOTTED_EVENT_NAMES, parseEventName, type WireEventName } from "@/lib/webhooks/events";

// The webhook form's schema, free of Node imports so the browser runs it (zodResolver).
// lib/validation/webhook.ts builds the server's schema from this one and adds the one check
// that needs the server: literal private addresses, which WEBHOOK_ALLOW_PRIVATE may allow.

// Control characters, separators and invisible format characters (zero-width, bidi). The URL
// parser would silently drop tabs and newlines, so the stored text would differ from the URL
// called; refusing them keeps what the user sees, what is stored and what is called the same.
const HIDDEN_OR_SPACE_CHARACTER = /[\p{Cc}\p{Cf}\p{Z}\s]/u;

const URL_TOO_LONG = `The URL must be at most ${FIELD_LIMITS.urlMaxLength} characters`;

/**
 * A webhook URL, normalised to the URL parser's serialisation (`new URL(x).href`): lower-case
 * scheme and host, punycode, default port and dot segments removed, unsafe characters
 * percent-encoded. That one string is stored, listed and called.
 */
export const ZWebhookUrlShapeSchema = z
  .string({ error: "Enter a webhook URL" })
  .trim()
  .min(1, "Enter a webhook URL")
  .max(FIELD_LIMITS.urlMaxLength, URL_TOO_LONG)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a valid URL, such as https://example.com/webhook" });
      return z.NEVER;
    }
    if (HIDDEN_OR_SPACE_CHARACTER.test(value)) {
      ctx.addIssue({ code: "custom", message: "The URL must not contain spaces, tabs, line breaks or invisible characters" });
      return z.NEVER;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "The URL must start with http:// or https://" });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "The URL must not contain a user name or password" });
      return z.NEVER;
    }
    if (url.hash || value.includes("#")) {
      // Never sent over HTTP: stored, it would be a URL other than the one called.
      ctx.addIssue({ code: "custom", message: "The URL must not contain a # fragment" });
      return z.NEVER;
    }
    if (url.href.length > FIELD_LIMITS.urlMaxLength) {
      ctx.addIssue({ code: "custom", message: URL_TOO_LONG });
      return z.NEVER;
    }
    return url.href;
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
  .max(FIELD_LIMITS.secretMaxLength, `The secret must be at most ${FIELD_LIMITS.secretMaxLength} characters`)
  .refine((value) => value !== "whsec_", 'A secret of only "whsec_" is empty: generate one or leave it blank')
  .optional();

const RATE_LIMIT_MESSAGE = `Enter a whole number of deliveries a second from 1 to ${FIELD_LIMITS.rateLimitMaxPerSecond}, or leave it empty for no limit`;

/** Deliveries a second at most, across every worker; null for no limit of the webhook's own. */
export const ZWebhookRateLimitSchema = z
  .number({ error: RATE_LIMIT_MESSAGE })
  .int(RATE_LIMIT_MESSAGE)
  .min(1, RATE_LIMIT_MESSAGE)
  .max(FIELD_LIMITS.rateLimitMaxPerSecond, RATE_LIMIT_MESSAGE)
  .nullable();

export const ZWebhookFormSchema = z.object({
  url: ZWebhookUrlShapeSchema,
  events: ZWebhookEventsSchema,
  secret: ZWebhookSecretSchema,
  enabled: z.boolean({ error: "Enabled must be true or false" }).default(true),
  /** Documenso compatibility: also send the plain secret in X-Documenso-Secret. */
  sendSecretHeader: z.boolean({ error: "Expected true or false" }).default(false),
  /** Documenso compatibility: keep recipients' signing tokens in payloads. */
  includeRecipientTokens: z.boolean({ error: "Expected true or false" }).default(false),
  customHeaders: ZWebhookCustomHeadersSchema,
  rateLimitPerSecond: ZWebhookRateLimitSchema.default(null),
});
export type TWebhookFormInput = z.input<typeof ZWebhookFormSchema>;
export type TWebhookFormSchema = z.output<typeof ZWebhookFormSchema>;
