import { getDb } from "@/db";
import { notifyWorkers } from "@/lib/delivery-engine/notify-workers";
import { requeueNow, WEBHOOK_DISABLED_MESSAGE } from "@/lib/delivery-log/requeue";
import { isUndeliveredSql } from "@/lib/delivery-log/status-groups";
import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";

/** One "Recover failed" requeues at most this many deliveries (the oldest first). */
export const RECOVER_LIMIT = 10_000;
const BATCH_SIZE = 500;

export type FailedSinceCount = {
  /** How many deliveries Recover would requeue now: at most RECOVER_LIMIT. */
  count: number;
  /** More failed deliveries exist since that time than one Recover takes. */
  isOverLimit: boolean;
};

export type RecoverFailedResult =
  | { ok: true; recovered: number }
  | { ok: false; code: "not_found" | "webhook_disabled"; message: string };

function failedSince(userId: string, webhookId: string, sinceMs: number) {
  // Failed and cancelled (status-groups.ts), created at or after the time: the partial index
  // on failed rows makes this a range read of failures only.
  return getDb()
    .selectFrom("deliveries")
    .where("webhook_id", "=", webhookId)
    .where("user_id", "=", userId)
    .where(isUndeliveredSql())
    .where("created_at", ">=", sinceMs);
}

/** For the confirmation ("Resend 42 failed deliveries?"); undefined when not the user's webhook. */
export async function countFailedSince(
  userId: string,
  webhookId: string,
  sinceMs: number,
): Promise<FailedSinceCount | undefined> {
  const webhook = await findWebhookRow(userId, webhookId);
  if (!webhook) return undefined;
  // Counting stops one past the limit: a webhook with millions of failures costs no more.
  const capped = failedSince(userId, webhook.id, sinceMs)
    .select("id")
    .limit(RECOVER_LIMIT + 1)
    .as("capped");
  const { n } = await getDb()
    .selectFrom(capped)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  return { count: Math.min(total, RECOVER_LIMIT), isOverLimit: total > RECOVER_LIMIT };
}

/**
 * Requeues (as manual attempts, due now) the failed and cancelled deliveries of the webhook
 * created since the time, oldest first, at most RECOVER_LIMIT, in batches of BATCH_SIZE so no
 * statement holds the write lock for long. Returns how many were requeued.
 */
export async function recoverFailedSince(
  userId: string,
  webhookId: string,
  sinceMs: number,
  now = Date.now(),
): Promise<RecoverFailedResult> {
  const webhook = await findWebhookRow(userId, webhookId);
  if (!webhook) return { ok: false, code: "not_found", message: "Webhook not found" };
  if (webhook.enabled !== 1) return { ok: false, code: "webhook_disabled", message: WEBHOOK_DISABLED_MESSAGE };

  const ids = (
    await failedSince(userId, webhook.id, sinceMs)
      .select("id")
      .orderBy("created_at", "asc")
      .orderBy("id", "asc")
      .limit(RECOVER_LIMIT)
      .execute()
  ).map((row) => row.id);

  let recovered = 0;
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    const result = await getDb()
      .updateTable("deliveries")
      .set(requeueNow(now))
      .where("id", "in", ids.slice(start, start + BATCH_SIZE))
      .where("user_id", "=", userId)
      // Still undelivered: one resent meanwhile by hand is not queued twice.
      .where(isUndeliveredSql())
      .executeTakeFirst();
    recovered += Number(result.numUpdatedRows);
  }
  if (recovered > 0) await notifyWorkers();
  return { ok: true, recovered };
}
