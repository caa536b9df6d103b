import { getDb } from "@/db";
import type { DeliveryStatus } from "@/db/types";
import { type DeliveryStateName, deliveryStateOf } from "@/lib/delivery-log/delivery-states";
import { statsWindow } from "@/lib/delivery-log/get-webhook-stats";

/** The Webhooks list's health column for one webhook. */
export type WebhookActivity = {
  /** The state of its newest delivery now; null before the first one. */
  lastState: DeliveryStateName | null;
  lastStatusCode: number | null;
  /** When that delivery was created. */
  lastAt: number | null;
  /** Deliveries that reached Delivered, and Failed, in the chart's 24 h window (rollup). */
  delivered: number;
  failed: number;
  /** delivered ÷ (delivered + failed), 0..1; null when none finished in the window. */
  successRate: number | null;
  /** Per hour of that window, oldest first: what finished, for the sparkline. */
  hourly: { delivered: number; failed: number }[];
};

/**
 * The health column of every webhook of the user, in two statements whatever the count: the
 * newest delivery of each (one step down the log index per webhook) and the 24 h window's
 * hourly outcomes from the rollup, the same buckets as the detail page's chart.
 */
export async function getWebhooksActivity(userId: string, now = Date.now()): Promise<Map<string, WebhookActivity>> {
  const db = getDb();
  const { bucketMs, windowStart, bucketOf } = statsWindow("24h", now);
  const [latest, hours] = await Promise.all([
    db
      .selectFrom("deliveries")
      .select(["webhook_id", "status", "last_status_code", "created_at"])
      .where("id", "in", (eb) =>
        eb
          .selectFrom("webhooks as w")
          .select((inner) =>
            inner
              .selectFrom("deliveries as d")
              .select("d.id")
              .whereRef("d.webhook_id", "=", "w.id")
              .orderBy("d.created_at", "desc")
              .orderBy("d.id", "desc")
              .limit(1)
              .as("id"),
          )
          .where("w.user_id", "=", userId),
      )
      .execute(),
    db
      .selectFrom("webhook_minute_stats")
      .select((eb) => [
        "webhook_id",
        bucketOf.as("bucket"),
        eb.fn.sum<number>("delivered").as("delivered"),
        eb.fn.sum<number>("failed").as("failed"),
      ])
      .where("webhook_id", "in", (eb) => eb.selectFrom("webhooks").select("id").where("user_id", "=", userId))
      .where("minute", ">=", windowStart)
      .where("minute", "<=", now)
      .groupBy(["webhook_id", bucketOf])
      .execute(),
  ]);

  const activity = new Map<string, WebhookActivity>();
  const of = (webhookId: string) => {
    let entry = activity.get(webhookId);
    if (!entry) {
      entry = noActivity();
      activity.set(webhookId, entry);
    }
    return entry;
  };
  for (const row of latest) {
    const entry = of(row.webhook_id);
    entry.lastState = deliveryStateOf(row.status as DeliveryStatus).name;
    entry.lastStatusCode = row.last_status_code;
    entry.lastAt = Number(row.created_at);
  }
  for (const row of hours) {
    const entry = of(row.webhook_id);
    const hour = entry.hourly[(Number(row.bucket) - windowStart) / bucketMs];
    if (!hour) continue;
    hour.delivered += Number(row.delivered ?? 0);
    hour.failed += Number(row.failed ?? 0);
    entry.delivered += Number(row.delivered ?? 0);
    entry.failed += Number(row.failed ?? 0);
  }
  for (const entry of activity.values()) {
    const finished = entry.delivered + entry.failed;
    entry.successRate = finished > 0 ? entry.delivered / finished : null;
  }
  return activity;
}

/** What a webhook with no delivery yet shows. */
export function noActivity(): WebhookActivity {
  return {
    lastState: null,
    lastStatusCode: null,
    lastAt: null,
    delivered: 0,
    failed: 0,
    successRate: null,
    hourly: Array.from({ length: statsWindow("24h", 0).count }, () => ({ delivered: 0, failed: 0 })),
  };
}
