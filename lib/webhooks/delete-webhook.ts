import { getDb } from "@/db";

/** Deletes the user's webhook (its deliveries go with it). False when it is not the user's. */
export async function deleteWebhook(userId: string, id: string): Promise<boolean> {
  const result = await getDb().deleteFrom("webhooks").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
