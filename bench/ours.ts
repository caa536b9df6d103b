// Runs ours (bench/worker-child.ts) against a bench database and times it draining the outbox.
// The child polls only once an hour, so it touches nothing until the parent has filled the
// outbox and sent "wake" (the in-process signal recordEvent gives): the clock starts there.
import { sql } from "kysely";
import { getDb } from "@/db";
import {
  type BenchDatabase,
  clearOutbox,
  fillOutbox,
  seedUserWithWebhooks,
  switchDatabase,
  waitForOutboxDrained,
} from "./bench-db";
import { type BenchChild, peakRssMiB, spawnBenchChild } from "./child";
import type { BenchContext } from "./context";
import { arrivalsOn, waitForArrivals } from "./receiver-client";
import { storeCpuMs } from "./store-cpu";

/** One timed drain: wall clock from the wake, and the Postgres server's CPU over it (SQLite: none apart). */
export type Drained = { elapsedMs: number; storeCpuMs: number | undefined; walBytes: number | undefined };

/** Postgres's WAL insert position in bytes: the WAL a span wrote is the difference (all databases). */
export async function walPosition(): Promise<number> {
  const { rows } = await sql<{ at: string }>`select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as at`.execute(getDb());
  return Number(rows[0].at);
}

export type OursWorker = {
  child: BenchChild;
  /** CPU ms the worker process has used so far. */
  cpuMs(): Promise<number>;
  /** The worker's own counters (claimed, attempts, delivered, ...). */
  stats(): Promise<Record<string, number>>;
  /**
   * Runs `fill` (the outbox), sends "wake" and resolves with the ms until `count` more requests
   * arrived on `prefix` paths and no delivery of `webhookIds` is open, with the Postgres
   * server's CPU over the same span. Arrivals are counted
   * from a snapshot taken before the fill: a worker still busy with a hanging endpoint's
   * retries may pick new rows up before the wake, and those arrivals must still count.
   */
  drain(
    expect: { prefix: string; count: number; webhookIds: string[] },
    fill: () => Promise<void>,
    timeoutMs?: number,
    pollMs?: number,
  ): Promise<Drained>;
  peakRssMiB(): number | undefined;
  stop(graceMs?: number): Promise<void>;
};

export async function startOursWorker(
  ctx: BenchContext,
  db: BenchDatabase,
  env: Record<string, string> = {},
): Promise<OursWorker> {
  const nodeArgs = ctx.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${ctx.cpuProfDir}`] : [];
  const child = spawnBenchChild(
    "bench/worker-child.ts",
    { DATABASE_URL: db.url, DELIVERY_POLL_INTERVAL_MS: "3600000", ...env },
    nodeArgs,
  );
  ctx.onCleanup(() => child.stop(1_000));
  await child.next("started", 60_000);
  return {
    child,
    async cpuMs() {
      child.send("cpu");
      return (await child.next("cpu")).ms as number;
    },
    async stats() {
      child.send("stats");
      return (await child.next("stats")).stats as Record<string, number>;
    },
    async drain({ prefix, count, webhookIds }, fill, timeoutMs = 300_000, pollMs = 10) {
      const from = arrivalsOn(await ctx.receiver.stats(), prefix);
      await fill();
      const storeCpu = () => (db.label === "postgres" ? storeCpuMs("postgres") : 0);
      const storeBefore = storeCpu();
      const walBefore = db.label === "postgres" ? await walPosition() : 0;
      const started = performance.now();
      child.send("wake");
      await waitForArrivals(ctx.receiver, prefix, from + count, timeoutMs, pollMs);
      await waitForOutboxDrained(webhookIds, timeoutMs, pollMs);
      const elapsedMs = performance.now() - started;
      if (db.label !== "postgres") return { elapsedMs, storeCpuMs: undefined, walBytes: undefined };
      return { elapsedMs, storeCpuMs: storeCpu() - storeBefore, walBytes: (await walPosition()) - walBefore };
    },
    peakRssMiB: () => peakRssMiB(child.pid),
    stop: (graceMs = 10_000) => child.stop(graceMs),
  };
}

/**
 * Ours draining `events` x urls.length deliveries, `runs` times, after a warm-up drain (the
 * baselines warm up too); returns the elapsed ms and worker CPU ms of each run. Only the healthy endpoints
 * (/wh/ URLs) are waited for: a /hang URL among `urls` keeps its deliveries in flight.
 * Nothing is deleted while the worker runs (an in-flight attempt must find its row).
 */
export async function timeOursDrains(
  ctx: BenchContext,
  db: BenchDatabase,
  options: { urls: string[]; events: number; runs: number; env?: Record<string, string>; stopGraceMs?: number },
): Promise<{ times: number[]; cpuMs: number[]; storeCpuMs: number[]; walBytes: number[]; stats: Record<string, number> }> {
  await switchDatabase(db);
  await clearOutbox();
  const { userId, webhookIds } = await seedUserWithWebhooks(options.urls);
  const healthyIds = webhookIds.filter((_, i) => options.urls[i].includes("/wh/"));
  const expect = (events: number) => ({ prefix: "/wh", count: events * healthyIds.length, webhookIds: healthyIds });
  const warmEvents = Math.max(1, Math.round(1_000 / options.urls.length));
  const worker = await startOursWorker(ctx, db, options.env);
  try {
    await worker.drain(expect(warmEvents), () => fillOutbox(userId, warmEvents));
    const times: number[] = [];
    const cpuMs: number[] = [];
    const storeCpuMs: number[] = [];
    const walBytes: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const cpuBefore = await worker.cpuMs();
      const drained = await worker.drain(expect(options.events), () => fillOutbox(userId, options.events));
      cpuMs.push((await worker.cpuMs()) - cpuBefore);
      times.push(drained.elapsedMs);
      if (drained.storeCpuMs !== undefined) storeCpuMs.push(drained.storeCpuMs);
      if (drained.walBytes !== undefined) walBytes.push(drained.walBytes);
    }
    return { times, cpuMs, storeCpuMs, walBytes, stats: await worker.stats() };
  } finally {
    await worker.stop(options.stopGraceMs);
  }
}
