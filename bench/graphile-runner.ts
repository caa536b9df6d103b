// Baseline 2: graphile-worker, the Postgres job queue a user would pick, doing the same signed
// deliveries to the same receiver on the same Postgres. Jobs carry what the request needs
// (url, id, document), are added in bulk before timing, and each job stringifies, signs and
// POSTs once, like ours; unlike ours it logs no attempt rows.
// Env: BENCH_PG_URL, BENCH_URLS (comma-separated), BENCH_N, BENCH_CONCURRENCY, BENCH_LOCAL_QUEUE,
// BENCH_COMPLETE_BATCH_DELAY.
import { Logger, makeWorkerUtils, run, runMigrations, type Task } from "graphile-worker";
import pg from "pg";
import { Agent, request } from "undici";
import { tellParent } from "./child";
import { benchDocument, envelopeJson, signedHeaders } from "./fixtures";
import { storeCpuMs } from "./store-cpu";

const connectionString = process.env.BENCH_PG_URL!;
const urls = process.env.BENCH_URLS!.split(",");
const total = Number(process.env.BENCH_N ?? 20_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const localQueue = Number(process.env.BENCH_LOCAL_QUEUE ?? 256);
const completeJobBatchDelay = Number(process.env.BENCH_COMPLETE_BATCH_DELAY ?? 0);
const logger = new Logger(() => () => {});
const agent = new Agent({ keepAliveTimeout: 60_000, connections: concurrency });

type DeliverPayload = { id: string; url: string; createdAt: string; doc: unknown };

async function addJobs(offset: number, count: number): Promise<void> {
  const utils = await makeWorkerUtils({ connectionString, logger });
  try {
    const createdAt = new Date().toISOString();
    for (let start = 0; start < count; start += 2_000) {
      const specs = [];
      for (let i = start; i < Math.min(count, start + 2_000); i++) {
        const n = offset + i;
        const payload: DeliverPayload = { id: `msg_gw_${n}`, url: urls[n % urls.length], createdAt, doc: benchDocument(n) };
        specs.push({ identifier: "deliver", payload, maxAttempts: 8 });
      }
      await utils.addJobs(specs);
    }
  } finally {
    await utils.release();
  }
}

async function drain(count: number): Promise<number> {
  let done = 0;
  let finish!: () => void;
  const allRan = new Promise<void>((resolve) => (finish = resolve));
  const deliver: Task = async (raw) => {
    const p = raw as DeliverPayload;
    const body = envelopeJson(p.doc, p.createdAt, p.url);
    const res = await request(p.url, { method: "POST", dispatcher: agent, headers: signedHeaders(p.id, body), body });
    await res.body.dump();
    if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`receiver answered ${res.statusCode}`);
    if (++done === count) finish();
  };
  const started = performance.now();
  const runner = await run({
    connectionString,
    concurrency,
    noHandleSignals: true,
    pollInterval: 1_000,
    logger,
    taskList: { deliver },
    preset: {
      worker: {
        maxPoolSize: Math.max(10, Math.min(concurrency + 2, 40)),
        localQueue: localQueue > 1 ? { size: localQueue } : undefined,
        completeJobBatchDelay,
      },
    },
  });
  await allRan;
  // Done means graphile has also recorded the completions (its jobs table is empty).
  const client = new pg.Client({ connectionString });
  await client.connect();
  for (;;) {
    const { rows } = await client.query("select count(*)::int as n from graphile_worker._private_jobs");
    if (rows[0].n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const elapsedMs = performance.now() - started;
  await client.end();
  await runner.stop();
  return elapsedMs;
}

/** As bench/ours.ts: the WAL position in bytes, to give the WAL a drain wrote. */
async function walPosition(): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as at");
    return Number(rows[0].at);
  } finally {
    await client.end();
  }
}

async function main() {
  await runMigrations({ connectionString, logger });
  await addJobs(10_000_000, Math.min(1_000, total));
  await drain(Math.min(1_000, total)); // warm the JIT, the pools and graphile's prepared statements
  await addJobs(0, total);
  tellParent({ type: "loaded" });
  const cpuBefore = process.cpuUsage();
  const storeBefore = storeCpuMs("postgres");
  const walBefore = await walPosition();
  const elapsedMs = await drain(total);
  const cpu = process.cpuUsage(cpuBefore);
  const storeMs = storeCpuMs("postgres") - storeBefore;
  const walBytes = (await walPosition()) - walBefore;
  tellParent({ type: "done", n: total, elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000, storeCpuMs: storeMs, walBytes });
  await agent.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
