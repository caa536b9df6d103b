import { getDb } from "@/db";
import { toWebhookView, type WebhookView } from "@/lib/webhooks/webhook-view";

/** The user's webhooks, newest first. */
export async function listWebhooks(userId: string): Promise<WebhookView[]> {
  const rows = await getDb()
    .selectFrom("webhooks")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(toWebhookView);
}
