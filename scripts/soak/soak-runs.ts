import { spawn } from "node:child_process";
import path from "node:path";
import { markdownTable } from "@/bench/table";
import { getDb } from "@/db";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { countPerWebhookId } from "@/tests/helpers/delivery-counts";
import { type EventLoad, eventRequest, startEventLoad } from "@/tests/helpers/event-load";
import { freePort } from "@/tests/helpers/free-port";
import { type Receiver, startReceiver } from "@/tests/helpers/receiver";
import { createTestUser } from "@/tests/helpers/users";
import { waitUntil } from "@/tests/helpers/wait-until";
import { createTestWebhook } from "@/tests/helpers/webhooks";
import { killAll, spawnWorker, type WorkerProcess } from "@/tests/helpers/worker-process";

// The soak's two runs, on whatever database DATABASE_URL names (migrated by the caller), used
// by `npm run soak` (20 kills) and by tests/integration/soak-short.test.ts (a few):
// - worker kills: events flow in through a web process while a standalone worker is
//   SIGKILLed again and again, each time restarted;
// - web kills: the web process is SIGKILLed during ingestion and restarted, a worker delivering.
// Then one worker finishes the backlog, and the receiver's count per delivery id says what
// arrived: every event answered 2xx must be delivered; a repeat is only allowed for what a
// killed worker held (claimed, not yet written back) at the kill.

export type SoakRow = {
  run: string;
  kills: number;
  accepted: number;
  delivered: number;
  missing: number;
  duplicates: number;
  /** Worker kills: deliveries the worker held under lease at a kill; web kills: requests unanswered. */
  maxInFlightAtKill: number;
  /** Sum over the kills of what was held: the most duplicates a worker kill may cause. */
  duplicateBound: number;
  fiveXx: number;
  /** Requests that got no answer (the web process was gone): not accepted, not counted as 5xx. */
  cut: number;
};

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const FAN_OUT = 2;
const WORKER_ENV = {
  WEBHOOK_ALLOW_PRIVATE: "1",
  DELIVERY_POLL_INTERVAL_MS: "50",
  DELIVERY_TIMEOUT_MS: "1000",
  DELIVERY_LEASE_MS: "2000",
  DELIVERY_CONCURRENCY: "64",
  DELIVERY_ENDPOINT_CONCURRENCY: "64",
  DELIVERY_BATCH_SIZE: "50",
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type WebProcess = { url: string; kill(): Promise<void> };

/** The ingestion route in a child process (web-child.ts), listening on `port`. */
async function spawnWeb(port: number): Promise<WebProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/soak/web-child.ts"], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: "error" },
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("soak web listening") && resolve());
    void exited.then(() => reject(new Error("the soak's web process exited before listening")));
  });
  return {
    url: `http://127.0.0.1:${port}/api/v1/events`,
    async kill() {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
      await exited;
    },
  };
}

/** A user with FAN_OUT webhooks to a fresh receiver, and a write token. */
async function prepare(): Promise<{ receiver: Receiver; token: string }> {
  const receiver = await startReceiver();
  // A few ms per answer keeps attempts in flight when a worker dies.
  receiver.reply = () => ({ status: 200, delayMs: 5 });
  const user = await createTestUser();
  for (let i = 0; i < FAN_OUT; i++) {
    await createTestWebhook(user.id, { url: `${receiver.url}/soak/${i}`, events: ["document.signed"], secret: `soak-${i}` });
  }
  const created = await createApiToken(user.id, { name: "soak", scope: "write" });
  if (!created.ok) throw new Error(created.message);
  return { receiver, token: created.token.token };
}

/** Deliveries under a live lease: what a worker holds (claimed, outcome not yet written). */
async function heldDeliveries(): Promise<number> {
  const row = await getDb()
    .selectFrom("deliveries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("locked_until", ">", Date.now())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Lets one worker finish the backlog, then counts what the receiver got per accepted delivery. */
async function settle(
  run: string,
  load: EventLoad,
  receiver: Receiver,
  counts: { kills: number; maxInFlightAtKill: number; duplicateBound: number },
  finisher?: WorkerProcess,
): Promise<SoakRow> {
  const accepted = load.accepted();
  const ids: string[] = [];
  for (let start = 0; start < accepted.length; start += 500) {
    const rows = await getDb()
      .selectFrom("deliveries")
      .select("id")
      .where("event_id", "in", accepted.slice(start, start + 500))
      .execute();
    ids.push(...rows.map((row) => row.id));
  }
  const worker = finisher ?? spawnWorker({ ...WORKER_ENV });
  try {
    await waitUntil(
      () => {
        const received = countPerWebhookId(receiver.requests);
        return ids.every((id) => received.has(id));
      },
      `${run}: every accepted event to be delivered`,
      90_000,
    ).catch(() => undefined);
    worker.signal("SIGTERM");
    await worker.exited;
  } finally {
    await killAll([worker]);
  }
  const received = countPerWebhookId(receiver.requests);
  const delivered = ids.filter((id) => received.has(id)).length;
  const duplicates = [...received.values()].reduce((sum, count) => sum + count - 1, 0);
  const answers = load.answers;
  return {
    run,
    ...counts,
    accepted: accepted.length,
    delivered,
    missing: accepted.length * FAN_OUT - delivered,
    duplicates,
    fiveXx: answers.filter((a) => a.status >= 500).length,
    cut: answers.filter((a) => a.status === 0).length,
  };
}

/** `kills` SIGKILLs of a standalone worker while events flow in at `perSecond`. */
export async function soakWorkerKills(label: string, kills: number, perSecond = 40): Promise<SoakRow> {
  const { receiver, token } = await prepare();
  const web = await spawnWeb(await freePort());
  const load = startEventLoad({ send: (key) => fetch(eventRequest(web.url, token, key)), perSecond });
  const workers: WorkerProcess[] = [];
  let maxHeld = 0;
  let heldTotal = 0;
  try {
    for (let i = 0; i < kills; i++) {
      const worker = spawnWorker({ ...WORKER_ENV });
      workers.push(worker);
      await worker.started;
      const before = receiver.requests.length;
      await waitUntil(() => receiver.requests.length >= before + 40, `${label}: the worker to deliver`, 30_000);
      // A moment at random within its work, so kills land in claims, sends and writes alike.
      await sleep(Math.random() * 300);
      const held = await heldDeliveries();
      worker.signal("SIGKILL");
      await worker.exited;
      maxHeld = Math.max(maxHeld, held);
      heldTotal += held;
    }
    await load.stop();
    return await settle(`worker SIGKILL, ${label}`, load, receiver, {
      kills,
      maxInFlightAtKill: maxHeld,
      duplicateBound: heldTotal,
    });
  } finally {
    await load.stop();
    await killAll(workers);
    await web.kill();
    await receiver.close();
  }
}

/** `kills` SIGKILLs of the web process during ingestion at `perSecond`, a worker delivering. */
export async function soakWebKills(label: string, kills: number, perSecond = 40): Promise<SoakRow> {
  const { receiver, token } = await prepare();
  const port = await freePort();
  let web = await spawnWeb(port);
  const worker = spawnWorker({ ...WORKER_ENV });
  let maxInFlight = 0;
  const load = startEventLoad({ send: (key) => fetch(eventRequest(web.url, token, key)), perSecond });
  try {
    await worker.started;
    for (let i = 0; i < kills; i++) {
      await sleep(700 + Math.random() * 500);
      maxInFlight = Math.max(maxInFlight, load.inFlight());
      await web.kill();
      web = await spawnWeb(port);
    }
    await sleep(500);
    await load.stop();
    return await settle(
      `web SIGKILL, ${label}`,
      load,
      receiver,
      { kills, maxInFlightAtKill: maxInFlight, duplicateBound: 0 },
      worker,
    );
  } finally {
    await load.stop();
    await killAll([worker]);
    await web.kill();
    await receiver.close();
  }
}

/** Whether a row holds what the soak promises: nothing accepted is lost, no 5xx, repeats within bounds. */
export function isSoakRowGood(row: SoakRow): boolean {
  return row.missing === 0 && row.fiveXx === 0 && row.duplicates <= row.duplicateBound;
}

export function soakTable(rows: SoakRow[]): string {
  const header = [
    "run",
    "kills",
    "events accepted",
    "delivered",
    "missing",
    "duplicates",
    "max in-flight at kill",
    "5xx seen",
    "cut",
    "result",
  ];
  const cells = rows.map((row) => [
    row.run,
    String(row.kills),
    String(row.accepted),
    `${row.delivered} of ${row.accepted * FAN_OUT}`,
    String(row.missing),
    `${row.duplicates} (≤ ${row.duplicateBound})`,
    String(row.maxInFlightAtKill),
    String(row.fiveXx),
    String(row.cut),
    isSoakRowGood(row) ? "pass" : "FAIL",
  ]);
  return markdownTable(header, cells);
}
