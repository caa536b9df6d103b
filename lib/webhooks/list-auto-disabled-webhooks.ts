import { getDb } from "@/db";

export type DisabledWebhookNotice = {
  webhookId: string;
  url: string;
  /** Why the system disabled it, e.g. "Disabled automatically: every delivery failed for 5 days". */
  reason: string;
  disabledAt: number;
};

/**
 * The user's webhooks that the system disabled (auto-disable after continuous failures, or
 * 410 Gone), newest first, for the in-app notice. A webhook the user switched off themselves
 * has no reason and is not listed; re-enabling clears the reason and so the notice.
 */
export async function listAutoDisabledWebhooks(userId: string): Promise<DisabledWebhookNotice[]> {
  const rows = await getDb()
    .selectFrom("webhooks")
    .select(["id", "url", "disabled_reason", "disabled_at", "updated_at"])
    .where("user_id", "=", userId)
    .where("enabled", "=", 0)
    .where("disabled_reason", "is not", null)
    .orderBy("updated_at", "desc")
    .execute();
  return rows.map((row) => ({
    webhookId: row.id,
    url: row.url,
    reason: row.disabled_reason ?? "",
    disabledAt: Number(row.disabled_at ?? row.updated_at),
  }));
}
