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

// Scale-out: two standalone workers on one Postgres claim disjoint batches (SKIP LOCKED), so
// no delivery is sent twice for the same attempt. SQLite is the single-process embedded mode.

const DELIVERIES = 2_000;
const workerEnv = {
  WEBHOOK_ALLOW_PRIVATE: "1",
  DELIVERY_POLL_INTERVAL_MS: "200",
  DELIVERY_CONCURRENCY: "32",
  DELIVERY_ENDPOINT_CONCURRENCY: "32",
  DELIVERY_BATCH_SIZE: "25",
};

let receiver: Receiver;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.reply = () => ({ status: 200, delayMs: 2 });
});

afterAll(async () => {
  await killAll(workers);
  await receiver.close();
});

describe(`two workers (${testDialect})`, () => {
  it.skipIf(testDialect !== "postgres")(
    "share the work on one Postgres without sending any delivery twice (Postgres only: skipped on SQLite)",
    { timeout: 60_000 },
    async () => {
      workers.push(spawnWorker(workerEnv), spawnWorker(workerEnv));
      await Promise.all(workers.map((worker) => worker.started));

      const user = await createTestUser();
      for (let i = 0; i < 4; i++) {
        await createTestWebhook(user.id, {
          url: `${receiver.url}/shared/${i}`,
          events: ["document.completed"],
          secret: `shared-secret-${i}`,
        });
      }
      await recordManyEvents(user.id, "DOCUMENT_COMPLETED", DELIVERIES / 4);

      await waitUntil(async () => (await countDeliveries("delivered")) === DELIVERIES, "every delivery to be delivered", 45_000);
      for (const worker of workers) worker.signal("SIGTERM");
      expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);

      // Every delivery arrived exactly once: one attempt each, none repeated.
      const perId = countPerWebhookId(receiver.requests);
      expect(perId.size).toBe(DELIVERIES);
      expect([...perId.values()].filter((count) => count > 1)).toEqual([]);
      const attempts = await getDb().selectFrom("delivery_attempts").select(["delivery_id", "attempt_number"]).execute();
      expect(new Set(attempts.map((a) => `${a.delivery_id}#${a.attempt_number}`)).size).toBe(attempts.length);
      expect(attempts).toHaveLength(DELIVERIES);

      // Both did a share of it.
      const shares = workers.map((worker) => Number(worker.output().match(/"attempts":(\d+)/)?.[1] ?? 0));
      expect(shares.every((share) => share > 0)).toBe(true);
      expect(shares[0] + shares[1]).toBe(DELIVERIES);
    },
  );
});
