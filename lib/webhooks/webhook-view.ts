import type { Webhook } from "@/db/types";
import { customHeaderNames } from "@/lib/webhooks/custom-headers";
import { parseEventName, toDottedName } from "@/lib/webhooks/events";

/**
 * What the UI and the list API see of a webhook: never the secret, only whether there is one;
 * never a custom header's value, only its name.
 */
export type WebhookView = {
  id: string;
  url: string;
  /** Dotted names, in catalogue form ("document.signed"). */
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  /** When the system disabled it (auto-disable, 410 Gone); null when disabled by hand or enabled. */
  disabledAt: number | null;
  hasSecret: boolean;
  /** Documenso compatibility: the plain secret also goes in X-Documenso-Secret. */
  sendSecretHeader: boolean;
  /** Documenso compatibility: payloads keep recipients' signing tokens. */
  includeRecipientTokens: boolean;
  customHeaderNames: string[];
  /** Deliveries a second at most; null when the webhook has no limit of its own. */
  rateLimitPerSecond: number | null;
  createdAt: number;
  updatedAt: number;
};

/** Wire names stored as a JSON array; anything unreadable or unknown is dropped, not thrown. */
export function parseStoredEvents(json: string): string[] {
  let names: unknown;
  try {
    names = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(names)) return [];
  return names.flatMap((name) => {
    const wire = typeof name === "string" ? parseEventName(name) : undefined;
    return wire ? [toDottedName(wire)] : [];
  });
}

export function toWebhookView(row: Webhook): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: parseStoredEvents(row.events),
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
    hasSecret: row.secret_encrypted !== null,
    sendSecretHeader: row.send_secret_header === 1,
    includeRecipientTokens: row.include_recipient_tokens === 1,
    customHeaderNames: customHeaderNames(row.custom_headers),
    rateLimitPerSecond: row.rate_limit_per_second === null ? null : Number(row.rate_limit_per_second),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
