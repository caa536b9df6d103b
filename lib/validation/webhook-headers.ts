import { z } from "zod";
import { FIELD_LIMITS } from "@/lib/field-limits";

// A webhook's custom headers: name/value pairs sent with every delivery attempt (an API key
// the receiver wants, a routing header for a gateway). Browser-safe, so the form checks them
// as it types; the server runs the same schema.

/** RFC 9110 `token`: the characters a header name may have. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Printable ASCII and tab: no CR/LF (header injection), nothing undici or receivers choke on. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/**
 * Headers every delivery sets itself, or that describe the connection or the body: a custom
 * value could only break the request or forge what the signatures vouch for. User-Agent is
 * ours too, so receivers can recognise us; Authorization, Cookie and the like are allowed.
 */
const RESERVED_NAMES = new Set([
  "content-type",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "host",
  "connection",
  "keep-alive",
  "upgrade",
  "expect",
  "te",
  "trailer",
  "user-agent",
]);
const RESERVED_PREFIXES = ["webhook-", "x-documenso-", "proxy-"];

export function isReservedHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_NAMES.has(lower) || RESERVED_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

export const ZWebhookHeaderSchema = z
  .object({
    name: z.string({ error: "Enter a header name" }),
    /** Omitted in an edit: keep the value stored for this name. */
    value: z.string({ error: "Enter a header value" }).optional(),
  })
  .transform((header) => ({ name: header.name.trim(), value: header.value?.trim() }))
  .superRefine((header, ctx) => {
    const { name, value } = header;
    const label = name || "the header";
    if (!name) ctx.addIssue({ code: "custom", path: ["name"], message: "Enter a header name" });
    else if (name.length > FIELD_LIMITS.headerNameMaxLength) {
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: `A header name is at most ${FIELD_LIMITS.headerNameMaxLength} characters`,
      });
    } else if (!HEADER_NAME.test(name)) {
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: `"${name.slice(0, 40)}" is not a header name: use letters, digits and - (no spaces or colons)`,
      });
    } else if (isReservedHeaderName(name)) {
      ctx.addIssue({ code: "custom", path: ["name"], message: `${name} is set by Docuhooks and can't be replaced` });
    }
    if (value === undefined) return;
    if (value === "") ctx.addIssue({ code: "custom", path: ["value"], message: `Enter a value for ${label}` });
    else if (value.length > FIELD_LIMITS.headerValueMaxLength) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `The value of ${label} is at most ${FIELD_LIMITS.headerValueMaxLength} characters`,
      });
    } else if (!HEADER_VALUE.test(value)) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `The value of ${label} may only hold printable ASCII characters (no line breaks)`,
      });
    }
  });

export const ZWebhookCustomHeadersSchema = z
  .array(ZWebhookHeaderSchema, { error: "Custom headers must be a list of name and value" })
  .max(FIELD_LIMITS.customHeadersMax, `At most ${FIELD_LIMITS.customHeadersMax} custom headers`)
  .superRefine((headers, ctx) => {
    const seen = new Set<string>();
    headers.forEach((header, index) => {
      const lower = header.name.toLowerCase();
      if (lower && seen.has(lower)) {
        ctx.addIssue({ code: "custom", path: [index, "name"], message: `${header.name} is listed twice` });
      }
      seen.add(lower);
    });
  })
  .default([]);
export type TWebhookCustomHeaders = z.output<typeof ZWebhookCustomHeadersSchema>;
