import { getDb } from "@/db";
import type { Webhook } from "@/db/types";

/** The row only when it belongs to userId: another user's id reads as not found. */
export async function findWebhookRow(userId: string, id: string): Promise<Webhook | undefined> {
  return getDb().selectFrom("webhooks").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
}
