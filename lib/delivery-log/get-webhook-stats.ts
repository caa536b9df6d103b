import { sql } from "kysely";
import { getDb } from "@/db";
import { percentilesFromHistogram } from "@/lib/delivery-log/get-webhook-health";
import { LATENCY_COLUMNS, latencyHistogram } from "@/lib/delivery-log/rollup";
import { STATS_RANGES, type StatsRange } from "@/lib/delivery-log/stats-ranges";
import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";

export type WebhookStatsBucket = {
  /** Start of the bucket, ms since the epoch. */
  start: number;
  /** Deliveries that reached Delivered in the bucket. */
  delivered: number;
  /** Deliveries that reached Failed (gave up) in the bucket. */
  failed: number;
  attempts: number;
  failedAttempts: number;
  /** Nearest-rank p95 of the bucket's attempt durations (upper bound of its latency bucket). */
  p95Ms: number | null;
};

export type WebhookStats = {
  range: StatsRange;
  bucketMs: number;
  windowStart: number;
  windowEnd: number;
  /** Every bucket of the window, oldest first, empty ones included. */
  buckets: WebhookStatsBucket[];
  totals: Omit<WebhookStatsBucket, "start">;
};

/**
 * A range's buckets ending with the one `now` falls in, and the SQL that puts a rollup row's
 * minute in its bucket (a literal, not a parameter: Postgres must see the same expression in
 * SELECT and GROUP BY).
 */
export function statsWindow(range: StatsRange, now: number) {
  const { bucketMs, buckets: count } = STATS_RANGES[range];
  return {
    bucketMs,
    count,
    windowStart: (Math.floor(now / bucketMs) - (count - 1)) * bucketMs,
    bucketOf: sql<number>`(minute / ${sql.lit(bucketMs)}) * ${sql.lit(bucketMs)}`,
  };
}

/**
 * Deliveries and attempts of one webhook over 24 h (hourly) or 7 days (6-hourly), from the
 * per-minute rollup only: at most 10,080 small rows, grouped by the database, whatever the
 * volume. Undefined when the webhook is not the user's.
 */
export async function getWebhookStats(
  userId: string,
  webhookId: string,
  range: StatsRange,
  now = Date.now(),
): Promise<WebhookStats | undefined> {
  const webhook = await findWebhookRow(userId, webhookId);
  if (!webhook) return undefined;
  const { bucketMs, count, windowStart, bucketOf } = statsWindow(range, now);

  const rows = await getDb()
    .selectFrom("webhook_minute_stats")
    .select((eb) => [
      bucketOf.as("bucket"),
      eb.fn.sum<number>("delivered").as("delivered"),
      eb.fn.sum<number>("failed").as("failed"),
      eb.fn.sum<number>("attempts").as("attempts"),
      eb.fn.sum<number>("attempts_ok").as("ok"),
      ...LATENCY_COLUMNS.map((name) => eb.fn.sum<number>(name).as(name)),
    ])
    .where("webhook_id", "=", webhook.id)
    .where("minute", ">=", windowStart)
    .where("minute", "<=", now)
    .groupBy(bucketOf)
    .execute();

  const byStart = new Map(rows.map((row) => [Number(row.bucket), row]));
  const total = { delivered: 0, failed: 0, attempts: 0, failedAttempts: 0 };
  const totalHistogram = latencyHistogram({});
  const buckets = Array.from({ length: count }, (_, i): WebhookStatsBucket => {
    const start = windowStart + i * bucketMs;
    const row = byStart.get(start);
    if (!row) return { start, delivered: 0, failed: 0, attempts: 0, failedAttempts: 0, p95Ms: null };
    const histogram = latencyHistogram(row);
    histogram.forEach((bucket, j) => {
      totalHistogram[j].count += bucket.count;
    });
    const bucket = {
      start,
      delivered: Number(row.delivered ?? 0),
      failed: Number(row.failed ?? 0),
      attempts: Number(row.attempts ?? 0),
      failedAttempts: Number(row.attempts ?? 0) - Number(row.ok ?? 0),
      p95Ms: percentilesFromHistogram(histogram, [0.95])[0],
    };
    total.delivered += bucket.delivered;
    total.failed += bucket.failed;
    total.attempts += bucket.attempts;
    total.failedAttempts += bucket.failedAttempts;
    return bucket;
  });

  return {
    range,
    bucketMs,
    windowStart,
    windowEnd: now,
    buckets,
    totals: { ...total, p95Ms: percentilesFromHistogram(totalHistogram, [0.95])[0] },
  };
}
