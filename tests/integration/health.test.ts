import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { getWebhookHealth, HEALTH_WINDOW_MS, percentilesFromHistogram } from "@/lib/delivery-log/get-webhook-health";
import { LATENCY_COLUMNS, latencyBucketSumsSql, MINUTE_MS } from "@/lib/delivery-log/rollup";
import { testDialect } from "../helpers/db-info";
import { type FixtureDelivery, fixtureId, insertAttempts, insertDeliveries } from "../helpers/deliveries";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

const NOW = 1_800_000_000_000;
const HOUR = 60 * 60 * 1000;

let userId: string;
let webhookId: string;

describe(`webhook health (${testDialect})`, () => {
  beforeAll(async () => {
    userId = (await createTestUser()).id;
    webhookId = (await createTestWebhook(userId, { url: "http://127.0.0.1:9/hook", events: ["document.signed"] })).id;

    // In the window: 12 deliveries (2 pending, 1 retrying, 1 failed, 1 cancelled, 7 delivered);
    // one from 2 days ago still retrying.
    const STATUSES = ["pending", "pending", "retrying", "failed", "cancelled"] as const;
    const deliveries: FixtureDelivery[] = Array.from({ length: 12 }, (_, i) => ({
      id: fixtureId("msg", i),
      eventId: fixtureId("evt", i),
      type: "DOCUMENT_SIGNED",
      status: STATUSES[i] ?? "delivered",
      createdAt: NOW - (i + 1) * HOUR,
    }));
    deliveries.push({
      id: fixtureId("msg", 99),
      eventId: fixtureId("evt", 99),
      type: "DOCUMENT_SIGNED",
      status: "retrying",
      createdAt: NOW - 48 * HOUR,
    });
    await insertDeliveries(userId, webhookId, deliveries);

    // 20 attempts in the window with durations 10, 20, …, 200 ms (shuffled): 15 succeed, 5 fail.
    const durations = Array.from({ length: 20 }, (_, i) => (i + 1) * 10).sort((a, b) => ((a * 37) % 11) - ((b * 37) % 11));
    await insertAttempts(
      durations.map((durationMs, i) => ({
        deliveryId: fixtureId("msg", i % 12),
        webhookId,
        startedAt: NOW - 20 * HOUR + i * HOUR,
        durationMs,
        status: i % 4 === 0 ? 500 : 200,
      })),
    );
    // The latest failure: no response at all. Attempts outside the window don't count.
    await insertAttempts([
      {
        deliveryId: fixtureId("msg", 3),
        webhookId,
        startedAt: NOW - 30 * 60 * 1000,
        durationMs: 10_000,
        status: null,
        error: "Timed out after 10 s",
      },
      { deliveryId: fixtureId("msg", 99), webhookId, startedAt: NOW - 30 * HOUR, durationMs: 1, status: 200 },
      { deliveryId: fixtureId("msg", 99), webhookId, startedAt: NOW - 31 * HOUR, durationMs: 99_999, status: 503 },
    ]);
  });

  it("counts attempts and deliveries of the last 24 h, with both success rates and nearest-rank percentiles", async () => {
    const health = await getWebhookHealth(userId, webhookId, NOW);
    // 21 attempts in the window: 20 + the timeout; 15 succeeded.
    expect(health).toMatchObject({
      windowStart: NOW - HEALTH_WINDOW_MS,
      windowEnd: NOW,
      deliveries: 12,
      // Finished: 7 delivered + 1 failed + 1 cancelled; pending and failing ones are not counted yet.
      deliveredDeliveries: 7,
      finishedDeliveries: 9,
      attempts: 21,
      succeededAttempts: 15,
      backlog: 4,
      lastFailure: { at: NOW - 30 * 60 * 1000, statusCode: null, error: "Timed out after 10 s" },
    });
    expect(health?.deliverySuccessRate).toBeCloseTo(7 / 9, 10);
    expect(health?.attemptSuccessRate).toBeCloseTo(15 / 21, 10);
    // Sorted: 10..200 then 10000; rank ceil(0.5*21)=11 -> 110; rank ceil(0.95*21)=20 -> 200,
    // both read as the upper bound of their latency bucket (100, 200].
    expect(health?.p50Ms).toBe(200);
    expect(health?.p95Ms).toBe(200);
    // The newest success: attempt i=19 (i % 4 != 0) at NOW - 20 h + 19 h.
    expect(health?.lastSuccessAt).toBe(NOW - HOUR);
  });

  it("reports an idle webhook as empty, not as zero success", async () => {
    const idle = await createTestWebhook(userId, { url: "http://127.0.0.1:9/idle", events: ["document.signed"] });
    expect(await getWebhookHealth(userId, idle.id, NOW)).toEqual({
      windowStart: NOW - HEALTH_WINDOW_MS,
      windowEnd: NOW,
      deliveries: 0,
      deliveredDeliveries: 0,
      finishedDeliveries: 0,
      deliverySuccessRate: null,
      attempts: 0,
      succeededAttempts: 0,
      attemptSuccessRate: null,
      p50Ms: null,
      p95Ms: null,
      backlog: 0,
      lastSuccessAt: null,
      lastFailure: null,
    });
  });

  it("keeps the rollup equal to what the migration's backfill computes from the log", async () => {
    const columns = ["minute", "attempts", "attempts_ok", ...LATENCY_COLUMNS].join(", ");
    const fromLog = await sql
      .raw(
        `select (started_at / ${MINUTE_MS}) * ${MINUTE_MS} as minute, count(*) as attempts, sum(succeeded) as attempts_ok,
        ${latencyBucketSumsSql()} from delivery_attempts where webhook_id = '${webhookId}'
        group by (started_at / ${MINUTE_MS}) * ${MINUTE_MS} order by 1`,
      )
      .execute(getDb());
    const rollup = await sql
      .raw(`select ${columns} from webhook_minute_stats where webhook_id = '${webhookId}' order by minute`)
      .execute(getDb());
    const numbers = (rows: unknown[]) => rows.map((row) => Object.values(row as object).map(Number));
    expect(numbers(rollup.rows)).toEqual(numbers(fromLog.rows));
    expect(rollup.rows).toHaveLength(23);
  });

  it("is not found for another user", async () => {
    const other = await createTestUser();
    expect(await getWebhookHealth(other.id, webhookId, NOW)).toBeUndefined();
  });

  it("computes percentiles as percentile_disc does", () => {
    const buckets = [5, 1, 3, 2, 4].map((durationMs) => ({ durationMs, count: 1 }));
    expect(percentilesFromHistogram(buckets, [0, 0.2, 0.21, 0.5, 0.95, 1])).toEqual([1, 1, 2, 3, 5, 5]);
    expect(
      percentilesFromHistogram(
        [
          { durationMs: 7, count: 3 },
          { durationMs: 9, count: 1 },
        ],
        [0.5, 0.75, 0.76],
      ),
    ).toEqual([7, 7, 9]);
    expect(percentilesFromHistogram([], [0.5])).toEqual([null]);
  });
});
