// Baseline 3: BullMQ on Redis, the queue most Node users would pick, doing the same signed
// deliveries to the same receiver. Jobs carry what the request needs (url, id, document), are
// added in bulk before timing, and each job stringifies, signs and POSTs once, like ours.
// Completed jobs are kept (removeOnComplete: false), with their return value (the receiver's
// status), the nearest BullMQ has to a log of every attempt; it logs no request or response.
// Each run uses its own queue name under the bench's prefix and removes it at the end (the
// Redis server may be shared).
// Env: BENCH_REDIS_URL, BENCH_QUEUE_PREFIX, BENCH_URLS (comma-separated), BENCH_N, BENCH_CONCURRENCY.
import { type Job, Queue, Worker } from "bullmq";
import { Agent, request } from "undici";
import { tellParent } from "./child";
import { benchDocument, envelopeJson, signedHeaders } from "./fixtures";
import { storeCpuMs } from "./store-cpu";

const redisUrl = new URL(process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = process.env.BENCH_QUEUE_PREFIX ?? `docuhooks-bench-${process.pid}`;
const urls = process.env.BENCH_URLS!.split(",");
const total = Number(process.env.BENCH_N ?? 20_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const connection = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379), maxRetriesPerRequest: null };
const agent = new Agent({ keepAliveTimeout: 60_000, connections: concurrency });

type DeliverPayload = { id: string; url: string; createdAt: string; doc: unknown };

async function deliver(job: Job<DeliverPayload>): Promise<number> {
  const p = job.data;
  const body = envelopeJson(p.doc, p.createdAt, p.url);
  const res = await request(p.url, { method: "POST", dispatcher: agent, headers: signedHeaders(p.id, body), body });
  await res.body.dump();
  if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`receiver answered ${res.statusCode}`);
  return res.statusCode;
}

async function addJobs(queue: Queue<DeliverPayload>, offset: number, count: number): Promise<void> {
  const createdAt = new Date().toISOString();
  for (let start = 0; start < count; start += 2_000) {
    const jobs = [];
    for (let i = start; i < Math.min(count, start + 2_000); i++) {
      const n = offset + i;
      const data: DeliverPayload = { id: `msg_bq_${n}`, url: urls[n % urls.length], createdAt, doc: benchDocument(n) };
      jobs.push({
        name: "deliver",
        data,
        opts: { attempts: 8, backoff: { type: "exponential", delay: 5_000 }, removeOnComplete: false },
      });
    }
    await queue.addBulk(jobs);
  }
}

/**
 * Adds `count` jobs to a fresh queue, then times a worker (wall clock and this process's CPU)
 * from its start until every job is completed in Redis.
 */
async function drainQueue(
  name: string,
  offset: number,
  count: number,
): Promise<{ elapsedMs: number; cpuMs: number; storeCpuMs: number }> {
  const queue = new Queue<DeliverPayload>(name, { connection, prefix });
  await addJobs(queue, offset, count);
  let completed = 0;
  let finish!: () => void;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const cpuBefore = process.cpuUsage();
  const storeBefore = storeCpuMs("redis-server");
  const started = performance.now();
  // 'completed' fires once BullMQ has moved the job to its completed set.
  const worker = new Worker<DeliverPayload>(name, deliver, { connection, prefix, concurrency });
  worker.on("completed", () => {
    if (++completed === count) finish();
  });
  worker.on("failed", (_job, error) => console.error(`bullmq job failed: ${error.message}`));
  await allDone;
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const storeMs = storeCpuMs("redis-server") - storeBefore;
  const counts = await queue.getJobCounts("completed");
  if (counts.completed !== count) throw new Error(`bullmq: ${counts.completed}/${count} jobs completed`);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000, storeCpuMs: storeMs };
}

async function main() {
  const runId = `${process.pid}-${Date.now()}`;
  await drainQueue(`warm-${runId}`, 10_000_000, Math.min(1_000, total)); // JIT, sockets, Redis scripts
  const timed = await drainQueue(`deliver-${runId}`, 0, total);
  tellParent({ type: "done", n: total, ...timed });
  await agent.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
