import type { ExpressionBuilder } from "kysely";
import { getDb } from "@/db";
import type { Database } from "@/db/types";
import { LATENCY_COLUMNS, latencyHistogram, MINUTE_MS } from "@/lib/delivery-log/rollup";
import { isUndeliveredSql, isWaitingSql } from "@/lib/delivery-log/status-groups";
import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";

export const HEALTH_WINDOW_MS = 24 * 60 * 60 * 1000;

export type WebhookHealth = {
  windowStart: number;
  windowEnd: number;
  /** Deliveries created in the window (one per event sent to this webhook). */
  deliveries: number;
  /** Of those, the ones that are Delivered now. */
  deliveredDeliveries: number;
  /** Of those, the ones that finished: Delivered, Failed or Cancelled (not Pending or Failing). */
  finishedDeliveries: number;
  /** deliveredDeliveries / finishedDeliveries, 0..1; null while none has finished. The figure
   *  a person means by "success rate": how many messages arrived. */
  deliverySuccessRate: number | null;
  /** Attempts made in the window, scheduled, manual and test. */
  attempts: number;
  succeededAttempts: number;
  /** succeededAttempts / attempts, 0..1; null without attempts. An endpoint that needs two
   *  tries per message has a 50% attempt success rate even when every message arrives. */
  attemptSuccessRate: number | null;
  /** Nearest-rank percentiles of attempt durations (every attempt, failed ones included), as
   *  the upper bound of their latency bucket (1-2-5 steps up to 30 s, rollup.ts). */
  p50Ms: number | null;
  p95Ms: number | null;
  /** Deliveries Pending or Failing now, whenever created. */
  backlog: number;
  /** Latest successful attempt, at any time within retention. */
  lastSuccessAt: number | null;
  lastFailure: { at: number; statusCode: number | null; error: string | null } | null;
};

/**
 * Nearest-rank percentiles (the smallest value with at least p of the values at or below it,
 * as Postgres's percentile_disc) from (value, count) buckets; null for no values.
 */
export function percentilesFromHistogram(buckets: { durationMs: number; count: number }[], ps: number[]): (number | null)[] {
  const sorted = [...buckets].sort((a, b) => a.durationMs - b.durationMs);
  const total = sorted.reduce((sum, bucket) => sum + bucket.count, 0);
  return ps.map((p) => {
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil(p * total));
    let seen = 0;
    for (const bucket of sorted) {
      seen += bucket.count;
      if (seen >= rank) return bucket.durationMs;
    }
    return null;
  });
}

/** The newest successful (1) or failed (0) attempt: a short backward walk of the covering index. */
function latestAttempt(webhookId: string, succeeded: 0 | 1, now: number) {
  return getDb()
    .selectFrom("delivery_attempts")
    .select(["started_at", "response_status", "error"])
    .where("webhook_id", "=", webhookId)
    .where("succeeded", "=", succeeded)
    .where("started_at", "<=", now)
    .orderBy("started_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The webhook's health over the last 24 h, or undefined when it is not the user's. Every
 * figure is an index read: the window's attempt counts and latency buckets are summed from
 * the per-minute rollup (to the minute: the window's first minute counts whole). Delivery
 * counts never read a row: all, waiting and undelivered deliveries of the window are three
 * index ranges (the log index and the two partial ones), counted in one statement so they
 * agree, and Delivered is what is left of all. The same SQL on SQLite and Postgres.
 */
export async function getWebhookHealth(userId: string, webhookId: string, now = Date.now()): Promise<WebhookHealth | undefined> {
  const webhook = await findWebhookRow(userId, webhookId);
  if (!webhook) return undefined;
  const db = getDb();
  const windowStart = now - HEALTH_WINDOW_MS;

  const createdInWindow = (eb: ExpressionBuilder<Database, never>) =>
    eb
      .selectFrom("deliveries")
      .where("webhook_id", "=", webhook.id)
      .where("created_at", ">", windowStart)
      .where("created_at", "<=", now);

  const [histogram, counts, backlog, lastSuccess, lastFailure] = await Promise.all([
    // The window's attempts from the per-minute rollup: at most 1,440 rows, whatever the volume.
    db
      .selectFrom("webhook_minute_stats")
      .select((eb) => [
        eb.fn.sum<number>("attempts").as("attempts"),
        eb.fn.sum<number>("attempts_ok").as("ok"),
        ...LATENCY_COLUMNS.map((name) => eb.fn.sum<number>(name).as(name)),
      ])
      .where("webhook_id", "=", webhook.id)
      .where("minute", ">", windowStart - MINUTE_MS)
      .where("minute", "<=", now)
      .executeTakeFirstOrThrow(),
    db
      .selectNoFrom((eb) => [
        createdInWindow(eb).select(eb.fn.countAll<number>().as("n")).as("all"),
        createdInWindow(eb).where(isWaitingSql()).select(eb.fn.countAll<number>().as("n")).as("waiting"),
        createdInWindow(eb).where(isUndeliveredSql()).select(eb.fn.countAll<number>().as("n")).as("undelivered"),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("deliveries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("webhook_id", "=", webhook.id)
      .where(isWaitingSql())
      .executeTakeFirstOrThrow(),
    latestAttempt(webhook.id, 1, now),
    latestAttempt(webhook.id, 0, now),
  ]);

  const buckets = latencyHistogram(histogram);
  const attempts = Number(histogram.attempts ?? 0);
  const succeededAttempts = Number(histogram.ok ?? 0);
  const [p50Ms, p95Ms] = percentilesFromHistogram(buckets, [0.5, 0.95]);
  const deliveries = Number(counts.all);
  const finishedDeliveries = deliveries - Number(counts.waiting);
  const deliveredDeliveries = finishedDeliveries - Number(counts.undelivered);

  return {
    windowStart,
    windowEnd: now,
    deliveries,
    deliveredDeliveries,
    finishedDeliveries,
    deliverySuccessRate: finishedDeliveries > 0 ? deliveredDeliveries / finishedDeliveries : null,
    attempts,
    succeededAttempts,
    attemptSuccessRate: attempts > 0 ? succeededAttempts / attempts : null,
    p50Ms,
    p95Ms,
    backlog: Number(backlog.n),
    lastSuccessAt: lastSuccess ? Number(lastSuccess.started_at) : null,
    lastFailure: lastFailure
      ? { at: Number(lastFailure.started_at), statusCode: lastFailure.response_status, error: lastFailure.error }
      : null,
  };
}
