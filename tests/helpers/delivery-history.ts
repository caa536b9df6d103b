import { statsWindow } from "@/lib/delivery-log/get-webhook-stats";
import { type FixtureAttempt, type FixtureDelivery, insertAttempts, insertDeliveries } from "./deliveries";

// A believable week of one webhook's traffic, for the e2e charts and the screenshots.

const HOUR_MS = 60 * 60 * 1000;

/**
 * A week of finished deliveries of one webhook, as the worker would have left them (rows,
 * attempts and the rollup the chart and the list read): a few an hour over the last day, one
 * in fifteen Failed after three attempts, fewer per hour on the six days before. Returns how
 * many were delivered and failed in each of the chart's windows.
 */
export async function insertDeliveryHistory(userId: string, webhookId: string, now = Date.now()) {
  const tag = Math.random().toString(36).slice(2, 8);
  const deliveries: FixtureDelivery[] = [];
  const attempts: FixtureAttempt[] = [];
  const totals = { day: { delivered: 0, failed: 0 }, week: { delivered: 0, failed: 0 } };
  for (let hoursAgo = 0; hoursAgo < 7 * 24 - 6; hoursAgo++) {
    const perHour = hoursAgo < 24 ? 2 + ((hoursAgo * 7) % 5) : hoursAgo % 3 === 0 ? 1 : 0;
    for (let j = 0; j < perHour; j++) {
      const n = deliveries.length;
      const isFailed = n % 15 === 7;
      const at = now - hoursAgo * HOUR_MS - (j + 1) * 60_000;
      const id = `msg_e2e${tag}${String(n).padStart(6, "0")}`;
      deliveries.push({
        id,
        eventId: `evt_e2e${tag}${String(n).padStart(6, "0")}`,
        type: "DOCUMENT_SIGNED",
        status: isFailed ? "failed" : "delivered",
        createdAt: at - 1000,
        updatedAt: at,
        attemptCount: isFailed ? 3 : 1,
        lastStatusCode: isFailed ? 500 : 200,
      });
      for (let k = 0; k < (isFailed ? 3 : 1); k++) {
        attempts.push({
          deliveryId: id,
          webhookId,
          startedAt: at - (2 - k) * 100,
          durationMs: 40 + ((n * 37) % 300),
          status: isFailed ? 500 : 200,
          attemptNumber: k + 1,
        });
      }
      // Counted as the chart's windows count: by the bucket the outcome's minute falls in.
      for (const [window, range] of [
        [totals.day, "24h"],
        [totals.week, "7d"],
      ] as const) {
        if (at < statsWindow(range, now).windowStart) continue;
        if (isFailed) window.failed++;
        else window.delivered++;
      }
    }
  }
  await insertDeliveries(userId, webhookId, deliveries);
  await insertAttempts(attempts);
  return totals;
}
