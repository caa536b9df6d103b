import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";
import { toWebhookView, type WebhookView } from "@/lib/webhooks/webhook-view";

/** One of the user's webhooks, or null (also for another user's id). */
export async function getWebhook(userId: string, id: string): Promise<WebhookView | null> {
  const row = await findWebhookRow(userId, id);
  return row ? toWebhookView(row) : null;
}
