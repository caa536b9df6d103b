import { getDb } from "@/db";
import { getDeliveryQueue } from "@/lib/delivery-engine/queue/queue";
import { type DeliveryStateName, RECOVERABLE_STATES } from "@/lib/delivery-log/delivery-states";
import { WEBHOOK_DISABLED_MESSAGE } from "@/lib/delivery-log/resend-delivery";
import { isInStateSql } from "@/lib/delivery-log/status-groups";
import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";

// Recover: resend, as manual attempts due now, the Failing and Failed deliveries of a webhook
// created since a time. Each state is read from its own partial index (status-groups.ts), so
// a webhook with millions of delivered rows costs no more than one with none.

/** One Recover requeues at most this many deliveries (the oldest first). */
export const RECOVER_LIMIT = 10_000;

export type RecoverableState = Extract<DeliveryStateName, "failing" | "failed">;
const STATES = RECOVERABLE_STATES.map((state) => state.name) as RecoverableState[];
const RECOVERABLE_STATUSES = RECOVERABLE_STATES.flatMap((state) => state.statuses);

export type RecoverableCount = {
  /** How many deliveries Recover would requeue now: at most RECOVER_LIMIT. */
  count: number;
  /** How many are in each state since that time, each counted up to RECOVER_LIMIT. */
  byState: Record<RecoverableState, number>;
  /** More recoverable deliveries exist since that time than one Recover takes. */
  isOverLimit: boolean;
};

export type RecoverDeliveriesResult =
  | { ok: true; recovered: number }
  | { ok: false; code: "not_found" | "webhook_disabled"; message: string };

function inStateSince(userId: string, webhookId: string, state: DeliveryStateName, sinceMs: number) {
  return getDb()
    .selectFrom("deliveries")
    .where("webhook_id", "=", webhookId)
    .where("user_id", "=", userId)
    .where(isInStateSql(state))
    .where("created_at", ">=", sinceMs);
}

/** For the confirmation ("Resend 42 deliveries: 40 failing, 2 failed?"); undefined when not the user's webhook. */
export async function countRecoverable(
  userId: string,
  webhookId: string,
  sinceMs: number,
): Promise<RecoverableCount | undefined> {
  const webhook = await findWebhookRow(userId, webhookId);
  if (!webhook) return undefined;
  const counts = await Promise.all(
    STATES.map(async (state) => {
      // Counting stops one past the limit: a webhook with millions of failures costs no more.
      const capped = inStateSince(userId, webhook.id, state, sinceMs)
        .select("id")
        .limit(RECOVER_LIMIT + 1)
        .as("capped");
      const { n } = await getDb()
        .selectFrom(capped)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return [state, Number(n)] as const;
    }),
  );
  const byState = Object.fromEntries(counts.map(([state, n]) => [state, Math.min(n, RECOVER_LIMIT)])) as Record<
    RecoverableState,
    number
  >;
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return { count: Math.min(total, RECOVER_LIMIT), byState, isOverLimit: total > RECOVER_LIMIT };
}

/**
 * Requeues (as manual attempts, due now) the Failing and Failed deliveries of the webhook
 * created since the time, oldest first, at most RECOVER_LIMIT (the queue writes them in
 * batches). Returns how many were requeued.
 */
export async function recoverDeliveries(
  userId: string,
  webhookId: string,
  sinceMs: number,
  now = Date.now(),
): Promise<RecoverDeliveriesResult> {
  const webhook = await findWebhookRow(userId, webhookId);
  if (!webhook) return { ok: false, code: "not_found", message: "Webhook not found" };
  if (webhook.enabled !== 1) return { ok: false, code: "webhook_disabled", message: WEBHOOK_DISABLED_MESSAGE };

  // The oldest RECOVER_LIMIT of each state, merged: the oldest RECOVER_LIMIT of both.
  const found = (
    await Promise.all(
      STATES.map((state) =>
        inStateSince(userId, webhook.id, state, sinceMs)
          .select(["id", "created_at"])
          .orderBy("created_at", "asc")
          .orderBy("id", "asc")
          .limit(RECOVER_LIMIT)
          .execute(),
      ),
    )
  ).flat();
  const ids = found
    .sort((a, b) => Number(a.created_at) - Number(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, RECOVER_LIMIT)
    .map((row) => row.id);

  // Still recoverable, not queued by hand meanwhile and not being sent right now (a Failing
  // delivery may be claimed): nothing is sent twice at once.
  const recovered = await getDeliveryQueue().requeue({ userId, ids, onlyIn: RECOVERABLE_STATUSES }, now);
  return { ok: true, recovered };
}
