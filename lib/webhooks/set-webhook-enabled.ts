import { getDb } from "@/db";
import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";
import { toWebhookView, type WebhookView } from "@/lib/webhooks/webhook-view";

/** The row's switch. Re-enabling clears disabled_reason. Null when the webhook is not the user's. */
export async function setWebhookEnabled(userId: string, id: string, enabled: boolean): Promise<WebhookView | null> {
  const result = await getDb()
    .updateTable("webhooks")
    .set(
      enabled
        ? { enabled: 1, disabled_reason: null, disabled_at: null, updated_at: Date.now() }
        : { enabled: 0, updated_at: Date.now() },
    )
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return null;
  const row = await findWebhookRow(userId, id);
  return row ? toWebhookView(row) : null;
}
