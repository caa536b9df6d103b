import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { testDialect } from "../helpers/db-info";
import { countDeliveries, countPerWebhookId } from "../helpers/delivery-counts";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { recordManyEvents } from "../helpers/record-many";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";
import { killAll, spawnWorker, type WorkerProcess } from "../helpers/worker-process";

// Crash safety: a standalone worker killed with SIGKILL in the middle of 1,200 deliveries.
// After a restart every delivery arrives; only attempts in flight at the crash may arrive twice.

const DELIVERIES = 1_200;
const CONCURRENCY = 64;
const workerEnv = {
  WEBHOOK_ALLOW_PRIVATE: "1",
  DELIVERY_POLL_INTERVAL_MS: "50",
  DELIVERY_TIMEOUT_MS: "1000",
  DELIVERY_LEASE_MS: "2000",
  DELIVERY_CONCURRENCY: String(CONCURRENCY),
  DELIVERY_ENDPOINT_CONCURRENCY: String(CONCURRENCY),
  DELIVERY_BATCH_SIZE: "50",
};

let receiver: Receiver;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  // A few ms per reply keeps many attempts in flight when the worker dies.
  receiver.reply = () => ({ status: 200, delayMs: 5 });
});

afterAll(async () => {
  await killAll(workers);
  await receiver.close();
});

describe(`worker crash (${testDialect})`, () => {
  it("delivers every delivery after a SIGKILL mid-batch and a restart", { timeout: 180_000 }, async () => {
    const user = await createTestUser();
    for (let i = 0; i < 4; i++) {
      await createTestWebhook(user.id, { url: `${receiver.url}/crash/${i}`, events: ["document.signed"], secret: `secret-${i}` });
    }
    await recordManyEvents(user.id, "DOCUMENT_SIGNED", DELIVERIES / 4);
    const ids = (await getDb().selectFrom("deliveries").select("id").execute()).map((row) => row.id);
    expect(ids).toHaveLength(DELIVERIES);

    const first = spawnWorker(workerEnv);
    workers.push(first);
    await receiver.waitFor(DELIVERIES / 3);
    first.signal("SIGKILL");
    await first.exited;
    const receivedBeforeCrash = new Set(receiver.requests.map((r) => String(r.headers["webhook-id"])));
    expect(await countDeliveries("delivered")).toBeLessThan(DELIVERIES);

    const second = spawnWorker(workerEnv);
    workers.push(second);
    await waitUntil(async () => (await countDeliveries("delivered")) === DELIVERIES, "every delivery to be delivered", 150_000);
    second.signal("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain("delivery worker stopped");

    const perId = countPerWebhookId(receiver.requests);
    // None missing.
    expect(ids.filter((id) => !perId.has(id))).toEqual([]);
    // Duplicates only for attempts that were in flight (already received) when the worker died.
    const duplicates = [...perId].filter(([, count]) => count > 1).map(([id]) => id);
    for (const id of duplicates) expect(receivedBeforeCrash.has(id)).toBe(true);
    expect(Math.max(...perId.values())).toBeLessThanOrEqual(2);
    // At most what the worker holds: in flight + a batch waiting + two batches being written.
    expect(duplicates.length).toBeLessThanOrEqual(CONCURRENCY + 3 * 50);
    // Each delivery's log holds one successful attempt.
    const attempts = await getDb()
      .selectFrom("delivery_attempts")
      .select(["delivery_id", "attempt_number", "succeeded"])
      .execute();
    expect(attempts.filter((a) => a.succeeded === 1)).toHaveLength(DELIVERIES);
  });
});
