import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import * as rollupOutcomes from "@/db/migrations/2026-12-05T00-00-00-rollup-outcomes";
import { getWebhookStats } from "@/lib/delivery-log/get-webhook-stats";
import { recordEvent } from "@/lib/ingest/record-event";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { type FixtureDelivery, fixtureId, insertAttempts, insertDeliveries } from "../helpers/deliveries";
import { receiverAndWorkerForFile } from "../helpers/engine-under-test";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

// The chart's read: deliveries that reached Delivered or Failed and p95 latency per bucket,
// summed from the per-minute rollup, which the engine writes with its results.

const HOUR = 60 * 60 * 1000;
// On an hour boundary (and a 6-hour one), plus 30 minutes: the last bucket is half full.
const NOW = 1_800_003_600_000 + 30 * 60 * 1000;

const engine = receiverAndWorkerForFile();

async function rollupTotals(webhookId: string) {
  const row = await getDb()
    .selectFrom("webhook_minute_stats")
    .select((eb) => [
      eb.fn.sum<number>("delivered").as("delivered"),
      eb.fn.sum<number>("failed").as("failed"),
      eb.fn.sum<number>("attempts").as("attempts"),
    ])
    .where("webhook_id", "=", webhookId)
    .executeTakeFirstOrThrow();
  return { delivered: Number(row.delivered ?? 0), failed: Number(row.failed ?? 0), attempts: Number(row.attempts ?? 0) };
}

describe(`webhook stats (${testDialect})`, () => {
  let userId: string;
  let webhookId: string;

  beforeAll(async () => {
    userId = (await createTestUser()).id;
    webhookId = (await createTestWebhook(userId, { url: "http://127.0.0.1:9/hook", events: ["document.signed"] })).id;
    // Finished 1 h and 5 h ago: 3 delivered and 1 failed, then 2 delivered; one still
    // Failing (not counted); one delivered 3 days ago (only in the 7-day window).
    const at = (i: number, status: FixtureDelivery["status"], updatedAt: number): FixtureDelivery => ({
      id: fixtureId("msg", i),
      eventId: fixtureId("evt", i),
      type: "DOCUMENT_SIGNED",
      status,
      createdAt: updatedAt - 1000,
      updatedAt,
    });
    await insertDeliveries(userId, webhookId, [
      at(1, "delivered", NOW - HOUR + 5_000),
      at(2, "delivered", NOW - HOUR + 6_000),
      at(3, "delivered", NOW - HOUR + 7_000),
      at(4, "failed", NOW - HOUR + 8_000),
      at(5, "delivered", NOW - 5 * HOUR),
      at(6, "delivered", NOW - 5 * HOUR + 1),
      { ...at(7, "retrying", NOW - 2 * HOUR), nextAttemptAt: NOW + HOUR },
      at(8, "delivered", NOW - 72 * HOUR),
    ]);
    // 20 attempts an hour ago, 10..200 ms: p95 is the 19th (190 ms), read as its bucket's bound (200 ms).
    await insertAttempts(
      Array.from({ length: 20 }, (_, i) => ({
        deliveryId: fixtureId("msg", 1),
        webhookId,
        startedAt: NOW - HOUR + i * 1000,
        durationMs: (i + 1) * 10,
        status: i < 4 ? 500 : 200,
      })),
    );
  });

  it("sums the last 24 h into hourly buckets, oldest first, the current one last", async () => {
    const stats = await getWebhookStats(userId, webhookId, "24h", NOW);
    expect(stats).toBeDefined();
    expect(stats!.buckets).toHaveLength(24);
    expect(stats!.bucketMs).toBe(HOUR);
    const last = stats!.buckets[23];
    expect(last.start).toBe(NOW - 30 * 60 * 1000);
    expect(stats!.windowStart).toBe(last.start - 23 * HOUR);
    // An hour ago is the bucket before the current one (it started 1.5 h ago).
    expect(stats!.buckets[22]).toEqual({
      start: NOW - 90 * 60 * 1000,
      delivered: 3,
      failed: 1,
      attempts: 20,
      failedAttempts: 4,
      p95Ms: 200,
    });
    expect(stats!.buckets[18]).toMatchObject({ delivered: 2, failed: 0, attempts: 0, p95Ms: null });
    expect(stats!.totals).toEqual({ delivered: 5, failed: 1, attempts: 20, failedAttempts: 4, p95Ms: 200 });
    expect(stats!.buckets.filter((b) => b.delivered + b.failed > 0)).toHaveLength(2);
  });

  it("sums 7 days into 6-hour buckets, including what the 24 h window leaves out", async () => {
    const stats = await getWebhookStats(userId, webhookId, "7d", NOW);
    expect(stats!.buckets).toHaveLength(28);
    expect(stats!.bucketMs).toBe(6 * HOUR);
    expect(stats!.buckets.every((b) => b.start % (6 * HOUR) === 0)).toBe(true);
    expect(stats!.totals).toMatchObject({ delivered: 6, failed: 1, attempts: 20 });
  });

  it("answers its route with the buckets, 400 for an unknown range", async () => {
    const { GET } = await import("@/app/api/webhooks/[id]/stats/route");
    const user = { id: userId, email: "owner@example.com", name: null };
    const call = (query: string) =>
      GET.withUser(user)(new Request(`http://localhost/api/webhooks/${webhookId}/stats${query}`), {
        params: Promise.resolve({ id: webhookId }),
      });
    const ok = await call("?range=7d");
    expect(ok.status).toBe(200);
    expect((await ok.json()).buckets).toHaveLength(28);
    expect((await (await call("")).json()).range).toBe("24h");
    const bad = await call("?range=1y");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        code: "invalid_query",
        message: "range must be one of 24h, 7d",
        fields: { range: "range must be one of 24h, 7d" },
      },
    });
  });

  it("gives the list's health column for every webhook of the user in one read", async () => {
    const quiet = await createTestWebhook(userId, { url: "http://127.0.0.1:9/quiet", events: ["document.signed"] });
    const list = await listWebhooks(userId, NOW);
    const busy = list.find((webhook) => webhook.id === webhookId)!;
    // The newest delivery (created 1 h ago) is the one that Failed; 24 h: 5 delivered, 1 failed.
    expect(busy.activity).toMatchObject({ lastState: "failed", delivered: 5, failed: 1, lastAt: NOW - HOUR + 7_000 });
    expect(busy.activity.successRate).toBeCloseTo(5 / 6);
    expect(busy.activity.hourly).toHaveLength(24);
    expect(busy.activity.hourly[22]).toEqual({ delivered: 3, failed: 1 });
    expect(busy.activity.hourly[18]).toEqual({ delivered: 2, failed: 0 });
    expect(list.find((webhook) => webhook.id === quiet.id)!.activity).toMatchObject({
      lastState: null,
      successRate: null,
      delivered: 0,
    });
    // Another user's list holds none of it.
    const other = await createTestUser();
    expect(await listWebhooks(other.id, NOW)).toEqual([]);
  });

  it("is undefined for another user's webhook and for an unknown id", async () => {
    const other = await createTestUser();
    expect(await getWebhookStats(other.id, webhookId, "24h", NOW)).toBeUndefined();
    expect(await getWebhookStats(userId, "wh_missing", "24h", NOW)).toBeUndefined();
  });

  it("counts what the engine delivers and gives up on, in the minute it was written", async () => {
    const user = await createTestUser();
    const ok = await createTestWebhook(user.id, { url: `${engine.receiver.url}/stats-ok`, events: ["document.signed"] });
    const gone = await createTestWebhook(user.id, {
      url: `${engine.receiver.url}/stats-gone`,
      events: ["document.signed"],
    });
    engine.receiver.reply = (request) => (request.path === "/stats-gone" ? { status: 410 } : { status: 200, body: "ok" });
    const before = Date.now();
    await recordEvent(user.id, { type: "DOCUMENT_SIGNED", payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_SIGNED")) });
    await recordEvent(user.id, { type: "DOCUMENT_SIGNED", payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_SIGNED")) });
    const finished = async () => {
      const rows = await getDb().selectFrom("deliveries").select("status").where("user_id", "=", user.id).execute();
      return rows.length === 4 && rows.every((row) => row.status === "delivered" || row.status === "failed");
    };
    await waitUntil(finished, "four finished deliveries");
    // The result write is one transaction: the rollup holds it as soon as the status shows.
    expect(await rollupTotals(ok.id)).toEqual({ delivered: 2, failed: 0, attempts: 2 });
    // 410 Gone fails a delivery and disables the webhook: the other is Failed too, sent or not.
    expect(await rollupTotals(gone.id)).toMatchObject({ delivered: 0, failed: 2 });

    const stats = await getWebhookStats(user.id, ok.id, "24h");
    expect(stats!.totals).toMatchObject({ delivered: 2, failed: 0, attempts: 2, failedAttempts: 0 });
    const minute = await getDb()
      .selectFrom("webhook_minute_stats")
      .select("minute")
      .where("webhook_id", "=", ok.id)
      .where("delivered", ">", 0)
      .executeTakeFirstOrThrow();
    expect(Number(minute.minute)).toBeGreaterThanOrEqual(Math.floor(before / 60_000) * 60_000);
  });

  it("backfills the outcome counts from the deliveries already finished, as the engine wrote them", async () => {
    const outcomeRows = () =>
      getDb()
        .selectFrom("webhook_minute_stats")
        .select(["webhook_id", "minute", "delivered", "failed"])
        .where((eb) => eb.or([eb("delivered", ">", 0), eb("failed", ">", 0)]))
        .orderBy("webhook_id")
        .orderBy("minute")
        .execute();
    const written = await outcomeRows();
    // The fixtures' 7 finished deliveries and the engine's 4, at least.
    expect(written.reduce((sum, row) => sum + Number(row.delivered) + Number(row.failed), 0)).toBeGreaterThanOrEqual(11);

    await rollupOutcomes.down(getDb());
    await rollupOutcomes.up(getDb());
    const normalise = (rows: typeof written) =>
      rows.map((row) => ({ ...row, minute: Number(row.minute), delivered: Number(row.delivered), failed: Number(row.failed) }));
    expect(normalise(await outcomeRows())).toEqual(normalise(written));
  });
});
