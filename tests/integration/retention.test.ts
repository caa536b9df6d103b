import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { pruneRetention } from "@/lib/delivery-engine/maintenance/prune-retention";
import { type MaintenanceRun, startMaintenance } from "@/lib/delivery-engine/maintenance/run-maintenance";
import { testDialect } from "../helpers/db-info";
import { type FixtureDelivery, fixtureId, insertAttempts, insertDeliveries } from "../helpers/deliveries";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

const DAY = 24 * 60 * 60 * 1000;
const NOW = 1_800_000_000_000;
const OLD = NOW - 40 * DAY;
const RECENT = NOW - 2 * DAY;

async function ids(table: "events" | "deliveries" | "delivery_attempts") {
  return (await getDb().selectFrom(table).select("id").orderBy("id").execute()).map((row) => row.id);
}

describe(`retention (${testDialect})`, () => {
  let webhookId: string;
  let oldDelivered: FixtureDelivery[];

  beforeAll(async () => {
    const userId = (await createTestUser()).id;
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
    const counts = await pruneRetention({ now: NOW, batchSize: 3 });
    // Attempts: the 7 old ones and the two old attempts of the kept deliveries.
    expect(counts).toEqual({ attempts: 9, deliveries: 7, events: 8 });
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
    expect(await pruneRetention({ now: NOW, batchSize: 3 })).toEqual({ attempts: 0, deliveries: 0, events: 0 });
  });

  it("follows RETENTION_MS", async () => {
    process.env.RETENTION_MS = String(DAY);
    try {
      const counts = await pruneRetention({ now: NOW });
      // Everything is now older than a day: all but the waiting delivery goes, with 3 events.
      expect(counts).toEqual({ attempts: 2, deliveries: 2, events: 3 });
      expect(await ids("deliveries")).toEqual([fixtureId("msg", 101)]);
    } finally {
      delete process.env.RETENTION_MS;
    }
  });

  it("startMaintenance runs auto-disable and retention on its interval until stopped", async () => {
    const runs: MaintenanceRun[] = [];
    const maintenance = startMaintenance({ intervalMs: 20, onRun: (run) => runs.push(run) });
    await waitUntil(() => runs.length >= 2, "two maintenance runs");
    await maintenance.stop();
    // The fixtures are dated 2027 (NOW): on today's clock nothing is old enough to prune.
    expect(runs[0]).toEqual({ disabledWebhookIds: [], pruned: { attempts: 0, deliveries: 0, events: 0 } });
    expect(await ids("deliveries")).toEqual([fixtureId("msg", 101)]);
  });
});
