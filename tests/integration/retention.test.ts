import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { pruneExpired } from "@/lib/delivery-engine/maintenance/prune-expired";
import { pruneRetention } from "@/lib/delivery-engine/maintenance/prune-retention";
import { type MaintenanceRun, startMaintenance } from "@/lib/delivery-engine/maintenance/run-maintenance";
import { MINUTE_MS } from "@/lib/delivery-log/rollup";
import { takeTokens } from "@/lib/http/rate-limit/take-tokens";
import { testDialect } from "../helpers/db-info";
import { type FixtureDelivery, fixtureId, insertAttempts, insertDeliveries } from "../helpers/deliveries";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

const DAY = 24 * 60 * 60 * 1000;
const NOW = 1_800_000_000_000;
const OLD = NOW - 40 * DAY;
const RECENT = NOW - 2 * DAY;

async function ids(table: "events" | "deliveries" | "delivery_attempts" | "sessions") {
  return (await getDb().selectFrom(table).select("id").orderBy("id").execute()).map((row) => row.id);
}

async function rollupMinutes(): Promise<number[]> {
  const rows = await getDb().selectFrom("webhook_minute_stats").select("minute").orderBy("minute").execute();
  return rows.map((row) => Number(row.minute));
}

describe(`retention (${testDialect})`, () => {
  let userId: string;
  let webhookId: string;
  let oldDelivered: FixtureDelivery[];

  beforeAll(async () => {
    userId = (await createTestUser()).id;
    webhookId = (await createTestWebhook(userId, { url: "http://127.0.0.1:9/hook", events: ["document.signed"] })).id;
    const delivery = (
      n: number,
      status: FixtureDelivery["status"],
      createdAt: number,
      updatedAt = createdAt,
    ): FixtureDelivery => ({
      id: fixtureId("msg", n),
      eventId: fixtureId("evt", n),
      type: "DOCUMENT_SIGNED",
      status,
      createdAt,
      updatedAt,
    });
    // 7 old, final, untouched deliveries: pruned with their events, across several batches of 3.
    oldDelivered = Array.from({ length: 7 }, (_, i) => delivery(i, i % 2 ? "failed" : "delivered", OLD + i));
    await insertDeliveries(userId, webhookId, [
      ...oldDelivered,
      delivery(100, "failed", OLD, RECENT), // old but resent 2 days ago: kept
      delivery(101, "retrying", OLD), // old but still waiting: kept
      delivery(102, "delivered", RECENT), // recent: kept
    ]);
    await insertAttempts([
      ...oldDelivered.map((d) => ({ deliveryId: d.id, webhookId, startedAt: d.createdAt })),
      { deliveryId: fixtureId("msg", 100), webhookId, startedAt: OLD, status: 500 },
      { deliveryId: fixtureId("msg", 100), webhookId, startedAt: RECENT, status: 500, attemptNumber: 2 },
      { deliveryId: fixtureId("msg", 101), webhookId, startedAt: OLD + 5, status: 500 },
      { deliveryId: fixtureId("msg", 102), webhookId, startedAt: RECENT },
    ]);
    // An old event that no webhook listened to, and a recent one.
    await getDb()
      .insertInto("events")
      .values([
        { id: "evt_orphan_old", user_id: userId, type: "DOCUMENT_SENT", payload: "{}", idempotency_key: null, created_at: OLD },
        {
          id: "evt_orphan_new",
          user_id: userId,
          type: "DOCUMENT_SENT",
          payload: "{}",
          idempotency_key: null,
          created_at: RECENT,
        },
      ])
      .execute();
  });

  it("deletes old attempts, old final deliveries and their events, in small batches, and keeps the rest", async () => {
    // The attempts' per-minute rollup: 4 old minutes beside the old attempts' own (rows of
    // other webhooks' history), the minute just before the cutoff and the one holding it.
    const cutoff = NOW - 30 * DAY;
    const oldMinutes = [OLD - 3 * MINUTE_MS, OLD - 2 * MINUTE_MS, OLD - MINUTE_MS, cutoff - MINUTE_MS];
    await getDb()
      .insertInto("webhook_minute_stats")
      .values(
        [...oldMinutes, cutoff].map((minute) => ({
          webhook_id: webhookId,
          minute,
          attempts: 1,
          attempts_ok: 1,
          delivered: 1,
          failed: 0,
        })),
      )
      .execute();
    expect(await rollupMinutes()).toEqual([...oldMinutes.slice(0, 3), OLD, cutoff - MINUTE_MS, cutoff, RECENT]);

    const counts = await pruneRetention({ now: NOW, batchSize: 3 });
    // Attempts: the 7 old ones and the two old attempts of the kept deliveries. Minutes: the
    // old attempts' one and the 4 added; the minute holding the cutoff is partly inside.
    expect(counts).toEqual({ attempts: 9, deliveries: 7, events: 8, rollupMinutes: 5 });
    expect(await rollupMinutes()).toEqual([cutoff, RECENT]);
    expect(await ids("deliveries")).toEqual([fixtureId("msg", 100), fixtureId("msg", 101), fixtureId("msg", 102)]);
    expect(await ids("events")).toEqual(
      ["evt_orphan_new", fixtureId("evt", 100), fixtureId("evt", 101), fixtureId("evt", 102)].sort(),
    );
    const attempts = await getDb()
      .selectFrom("delivery_attempts")
      .select(["delivery_id", "started_at"])
      .orderBy("delivery_id")
      .execute();
    expect(attempts.map((a) => [a.delivery_id, Number(a.started_at)])).toEqual([
      [fixtureId("msg", 100), RECENT],
      [fixtureId("msg", 102), RECENT],
    ]);
  });

  it("has nothing left to do on a second run", async () => {
    expect(await pruneRetention({ now: NOW, batchSize: 3 })).toEqual({ attempts: 0, deliveries: 0, events: 0, rollupMinutes: 0 });
  });

  it("follows RETENTION_MS", async () => {
    process.env.RETENTION_MS = String(DAY);
    try {
      const counts = await pruneRetention({ now: NOW });
      // Everything is now older than a day: all but the waiting delivery goes, with 3 events.
      expect(counts).toEqual({ attempts: 2, deliveries: 2, events: 3, rollupMinutes: 2 });
      expect(await rollupMinutes()).toEqual([]);
      expect(await ids("deliveries")).toEqual([fixtureId("msg", 101)]);
    } finally {
      delete process.env.RETENTION_MS;
    }
  });

  it("deletes expired sessions and idle rate-limit buckets in batches, and keeps live ones", async () => {
    // Written directly: signing in drops the user's own expired sessions, which is not
    // what is under test here.
    const session = async (expiresAt: number) => {
      const id = `ses_test${expiresAt}`;
      await getDb()
        .insertInto("sessions")
        .values({ id, user_id: userId, created_at: expiresAt - DAY, expires_at: expiresAt })
        .execute();
      return id;
    };
    const expired = [await session(NOW - 2 * DAY), await session(NOW - DAY), await session(NOW)];
    const live = await session(NOW + 1);
    expect(await ids("sessions")).toEqual([...expired, live].sort());
    const bucket = { capacity: 5, refill: 5, perMs: 60_000 };
    for (let i = 0; i < 4; i++) await takeTokens(`test:idle:${i}`, bucket, 1, NOW - 2 * DAY - i);
    await takeTokens("test:busy", bucket, 1, NOW - 1_000);

    expect(await pruneExpired({ now: NOW, idleBucketMs: DAY, batchSize: 2 })).toEqual({ sessions: 3, buckets: 4 });
    expect(await ids("sessions")).toEqual([live]);
    const buckets = await getDb().selectFrom("rate_limit_buckets").select("key").execute();
    expect(buckets.map((row) => row.key)).toEqual(["test:busy"]);
    expect(await pruneExpired({ now: NOW, idleBucketMs: DAY })).toEqual({ sessions: 0, buckets: 0 });
  });

  it("startMaintenance runs auto-disable and retention on its interval until stopped", async () => {
    const runs: MaintenanceRun[] = [];
    const maintenance = startMaintenance({ intervalMs: 20, onRun: (run) => runs.push(run) });
    await waitUntil(() => runs.length >= 2, "two maintenance runs");
    await maintenance.stop();
    // The fixtures are dated 2027 (NOW): on today's clock nothing is old enough to prune.
    expect(runs[0]).toEqual({
      disabledWebhookIds: [],
      pruned: { attempts: 0, deliveries: 0, events: 0, rollupMinutes: 0 },
      expired: { sessions: 0, buckets: 0 },
    });
    expect(await ids("deliveries")).toEqual([fixtureId("msg", 101)]);
  });
});
