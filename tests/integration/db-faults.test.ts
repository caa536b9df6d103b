import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { closeDb, getDb, migrateToLatest } from "@/db";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { testDialect } from "../helpers/db-info";
import { countPerWebhookId } from "../helpers/delivery-counts";
import { type EventLoad, eventRequest, type LoadAnswer, startEventLoad } from "../helpers/event-load";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../helpers/throwaway-postgres";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";
import { killAll, spawnWorker, type WorkerProcess } from "../helpers/worker-process";

// Database faults under steady load: ingestion through the real route handler (this process
// is the web) and a standalone worker process delivering to a real receiver.
// Postgres: every backend terminated, then the server stopped and started again (a cluster of
// the test's own). Ingestion answers 503 + JSON + Retry-After meanwhile, never a 500 and never
// later than its timeout; afterwards both resume without a restart and every accepted event
// is delivered. SQLite: web and worker on one file, no SQLITE_BUSY reaches anyone.

const CONCURRENCY = 32;
const BATCH = 50;
const workerEnv = {
  WEBHOOK_ALLOW_PRIVATE: "1",
  DELIVERY_POLL_INTERVAL_MS: "100",
  DELIVERY_TIMEOUT_MS: "2000",
  DELIVERY_LEASE_MS: "3000",
  DELIVERY_CONCURRENCY: String(CONCURRENCY),
  DELIVERY_BATCH_SIZE: String(BATCH),
};
/** pg's connect timeout (db/index.ts) plus a margin: no answer may take longer. */
const ANSWER_WITHIN_MS = 6_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let receiver: Receiver;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.reply = () => ({ status: 200, delayMs: 5 });
});

afterAll(async () => {
  await killAll(workers);
  await receiver.close();
});

async function newLoad(perSecond: number): Promise<EventLoad> {
  const user = await createTestUser();
  await createTestWebhook(user.id, { url: `${receiver.url}/faults`, events: ["document.signed"], secret: "faults-secret" });
  const created = await createApiToken(user.id, { name: "faults", scope: "write" });
  if (!created.ok) throw new Error(created.message);
  const token = created.token.token;
  return startEventLoad({ send: (key) => POST(eventRequest("http://localhost/api/v1/events", token, key)), perSecond });
}

/** Every accepted event's delivery reached the receiver; duplicates are only a crash's in-flight share. */
async function expectEveryAcceptedDelivered(accepted: string[]) {
  const rows = await getDb().selectFrom("deliveries").select(["id", "event_id"]).where("event_id", "in", accepted).execute();
  expect(new Set(rows.map((row) => row.event_id)).size).toBe(accepted.length);
  const ids = rows.map((row) => row.id);
  await waitUntil(
    () => {
      const received = countPerWebhookId(receiver.requests);
      return ids.every((id) => received.has(id));
    },
    "every accepted event to be delivered",
    60_000,
  );
  const received = countPerWebhookId(receiver.requests);
  expect(ids.filter((id) => !received.has(id))).toEqual([]);
  const duplicates = ids.filter((id) => (received.get(id) ?? 0) > 1);
  // At most what a worker holds unfinished: in flight, a batch waiting, two being written.
  expect(duplicates.length).toBeLessThanOrEqual(CONCURRENCY + 3 * BATCH);
}

function summary(answers: LoadAnswer[]) {
  const byStatus = new Map<number, number>();
  for (const answer of answers) byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
  return Object.fromEntries(byStatus);
}

describe.runIf(testDialect === "postgres")("database faults (postgres)", () => {
  let cluster: ThrowawayPostgres;

  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
    // This process (the web) and the worker both move to the cluster of this file.
    await closeDb();
    process.env.DATABASE_URL = cluster.url;
    await migrateToLatest();
  });

  afterAll(async () => {
    await killAll(workers);
    await closeDb();
    await cluster?.remove();
  });

  it("answers 503 while Postgres is away, and both web and worker resume and lose nothing", { timeout: 90_000 }, async () => {
    const worker = spawnWorker({ ...workerEnv, DATABASE_URL: cluster.url });
    workers.push(worker);
    let workerExit: number | null | undefined;
    void worker.exited.then((code) => (workerExit = code));
    await worker.started;

    const load = await newLoad(20);
    await receiver.waitFor(20, undefined, 20_000);

    expect(await cluster.terminateBackends()).toBeGreaterThan(0);
    await sleep(1_500);
    await cluster.stop();
    const downAt = Date.now();
    await sleep(2_500);
    const upAt = Date.now();
    await cluster.start();
    await sleep(2_500);
    await load.stop();

    const answers = load.answers;
    const context = JSON.stringify(summary(answers));
    // Never a 500 (nor anything but accepted or 503), never a slow answer.
    expect(
      answers.filter((a) => a.status !== 202 && a.status !== 503),
      context,
    ).toEqual([]);
    expect(Math.max(...answers.map((a) => a.ms)), context).toBeLessThan(ANSWER_WITHIN_MS);
    // While the server was down: 503 in the one error shape, with Retry-After.
    const whileDown = answers.filter((a) => a.sentAt > downAt + 100 && a.sentAt < upAt - 100);
    expect(whileDown.length).toBeGreaterThan(10);
    for (const answer of whileDown) {
      expect(answer).toMatchObject({ status: 503, code: "database_unavailable", retryAfter: "5" });
      expect(answer.contentType).toContain("application/json");
    }
    // Ingestion resumed without a restart.
    expect(answers.filter((a) => a.sentAt > upAt + 1_000 && a.status === 202).length, context).toBeGreaterThan(10);

    await expectEveryAcceptedDelivered(load.accepted());
    expect(workerExit).toBeUndefined();
    // The worker logged each outage once, not once per try: between two "unreachable" lines
    // there is always a "reachable again" (a fault's edge may flap once), and it ends back up.
    const output = worker.output();
    const marks = output
      .split("\n")
      .filter((line) => /database unreachable|database reachable again/.test(line))
      .map((line) => (line.includes("database unreachable") ? "down" : "up"));
    expect(marks.filter((mark) => mark === "down").length).toBeGreaterThanOrEqual(1);
    expect(marks.filter((mark) => mark === "down").length).toBeLessThanOrEqual(4);
    expect(
      marks.some((mark, i) => mark === "down" && marks[i + 1] === "down"),
      marks.join(" "),
    ).toBe(false);
    expect(marks.at(-1)).toBe("up");
    expect(output).not.toMatch(/uncaught|unhandled/i);
  });
});

describe.runIf(testDialect === "sqlite")("database faults (sqlite)", () => {
  it("web and a standalone worker share one file under load: no SQLITE_BUSY reaches anyone, nothing is lost", {
    timeout: 90_000,
  }, async () => {
    const worker = spawnWorker({ ...workerEnv, DELIVERY_POLL_INTERVAL_MS: "20" });
    workers.push(worker);
    await worker.started;

    // Until 150 events have been answered (about 3 s at 60 a second), however slow a busy
    // machine makes each one: the test is about contention on the file, not speed.
    const load = await newLoad(60);
    const deadline = Date.now() + 45_000;
    while (load.answers.length < 150 && Date.now() < deadline) await sleep(100);
    await load.stop();

    const answers = load.answers;
    expect(answers.length).toBeGreaterThanOrEqual(150);
    expect(
      answers.filter((a) => a.status !== 202),
      JSON.stringify(summary(answers)),
    ).toEqual([]);
    await expectEveryAcceptedDelivered(load.accepted());
    const output = worker.output();
    expect(output).not.toMatch(/SQLITE_BUSY|database unreachable|not written/);
  });
});
