import type { Webhook } from "@/db/types";
import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";
import { toWebhookView, type WebhookView } from "@/lib/webhooks/webhook-view";

/** The detail page's header (and the API's webhook): the list's view plus the rotation's grace period. */
export type WebhookDetailView = WebhookView & {
  /** While set and in the future, the rotated-out secret still signs deliveries. */
  previousSecretExpiresAt: number | null;
};

export function toWebhookDetailView(row: Webhook, now = Date.now()): WebhookDetailView {
  const expiresAt = row.previous_secret_expires_at === null ? null : Number(row.previous_secret_expires_at);
  const isPreviousValid = row.previous_secret_encrypted !== null && expiresAt !== null && expiresAt > now;
  return { ...toWebhookView(row), previousSecretExpiresAt: isPreviousValid ? expiresAt : null };
}

/** One of the user's webhooks for its detail page, or undefined (another user's id included). */
export async function getWebhookDetail(userId: string, id: string, now = Date.now()): Promise<WebhookDetailView | undefined> {
  const row = await findWebhookRow(userId, id);
  return row ? toWebhookDetailView(row, now) : undefined;
}
