// Deliveries per second to the loopback receiver: ours on SQLite and on Postgres (every
// attempt logged) against raw undici, graphile-worker and BullMQ, all in the same run, each
// with the CPU its sending process spent per delivery. --quick runs every peer with the same
// tuning as a full run, on fewer deliveries and once each.
import type { BenchDatabase } from "../bench-db";
import { createPgDatabase } from "../bench-db";
import { spawnBenchChild } from "../child";
import type { BenchContext } from "../context";
import { timeOursDrains } from "../ours";
import { findOrStartRedis } from "../redis";
import { best, cpuUs, fmtRate, median, type Row, rate } from "../table";

const ENDPOINTS = 10;
const RAW_INFLIGHT = 256;
const GRAPHILE_CONFIGS = [
  { concurrency: 32, localQueue: 128 },
  { concurrency: 64, localQueue: 256 },
  { concurrency: 128, localQueue: 512 },
];
const BULLMQ_CONCURRENCY = [32, 64, 128, 256];

type Timed = { elapsedMs: number; cpuMs: number };
type Measured = { perSecond: number; cpuUs: number };

async function timeChild(ctx: BenchContext, file: string, env: Record<string, string>): Promise<Timed> {
  const child = spawnBenchChild(file, env);
  ctx.onCleanup(() => child.stop(1_000));
  const done = await child.next("done", 600_000);
  await child.exited;
  return { elapsedMs: done.elapsedMs as number, cpuMs: done.cpuMs as number };
}

/**
 * A peer at its best here: each setting once, then the fastest again until it has `runs`
 * runs. Its fastest run's rate and the median CPU of those runs.
 */
async function peerBest<C>(
  ctx: BenchContext,
  name: string,
  n: number,
  runs: number,
  configs: C[],
  settingName: (config: C) => string,
  time: (config: C) => Promise<Timed>,
): Promise<Measured & { config: C }> {
  let top = { perSecond: 0, cpuMs: 0, config: configs[0] };
  for (const config of configs) {
    const timed = await time(config);
    const perSecond = rate(n, timed.elapsedMs);
    ctx.log(`  ${name} ${settingName(config)}: ${fmtRate(perSecond)}, ${cpuUs(timed.cpuMs, n)} µs CPU/delivery`);
    if (perSecond > top.perSecond) top = { perSecond, cpuMs: timed.cpuMs, config };
  }
  const rates = [top.perSecond];
  const cpus = [top.cpuMs];
  for (let run = 1; run < runs; run++) {
    const timed = await time(top.config);
    rates.push(rate(n, timed.elapsedMs));
    cpus.push(timed.cpuMs);
  }
  return { perSecond: Math.max(...rates), cpuUs: cpuUs(median(cpus), n), config: top.config };
}

export async function deliveryThroughputFigures(
  ctx: BenchContext,
  dbs: { sqlite: BenchDatabase; postgres: BenchDatabase },
): Promise<Row[]> {
  const n = ctx.quick ? 3_000 : 20_000;
  const runs = ctx.quick ? 1 : 3;
  const events = n / ENDPOINTS;
  const urls = ctx.receiver.urls(ENDPOINTS);
  const peers = ctx.peers;
  ctx.log(
    `delivery throughput: ${n.toLocaleString("en-US")} signed ~1 KB deliveries to ${ENDPOINTS} endpoints, ${runs} run(s) each; peers: ${[...peers].join(", ")}`,
  );

  const timeRaw = () =>
    timeChild(ctx, "bench/raw-sender.ts", {
      BENCH_URLS: urls.join(","),
      BENCH_N: String(n),
      BENCH_INFLIGHT: String(RAW_INFLIGHT),
    });
  // Raw undici runs bracket ours (before and after), so drift on a shared machine shows up in both.
  const rawRuns: Timed[] = [];
  if (peers.has("raw")) for (let run = 0; run < runs; run++) rawRuns.push(await timeRaw());
  const ours = async (db: BenchDatabase): Promise<Measured> => {
    const { times, cpuMs } = await timeOursDrains(ctx, db, { urls, events, runs });
    ctx.log(
      `  ours on ${labelOf(db)}: ${times.map((ms) => fmtRate(rate(n, ms))).join(", ")}; ${cpuUs(median(cpuMs), n)} µs CPU/delivery in the worker`,
    );
    return { perSecond: rate(n, best(times)), cpuUs: cpuUs(median(cpuMs), n) };
  };
  const sqlite = await ours(dbs.sqlite);
  const pg = await ours(dbs.postgres);
  if (peers.has("raw")) for (let run = 0; run < runs; run++) rawRuns.push(await timeRaw());

  const rows: Row[] = [];
  let raw: Measured | undefined;
  /** How a peer compares with raw undici, for its note, when raw undici ran. */
  const ofRaw = (peer: Measured) => (raw ? `; it ran at ${(peer.perSecond / raw.perSecond).toFixed(2)} of raw undici` : "");
  const vs = (figure: string, side: Measured, peer: Measured, target: number, note: string): Row => ({
    figure,
    ours: fmtRate(side.perSecond),
    baseline: fmtRate(peer.perSecond),
    ratio: side.perSecond / peer.perSecond,
    cpuUs: { ours: side.cpuUs, baseline: peer.cpuUs },
    target: `≥ ${target.toFixed(2)}`,
    pass: side.perSecond / peer.perSecond >= target,
    note,
  });

  if (peers.has("raw")) {
    raw = {
      perSecond: rate(n, best(rawRuns.map((r) => r.elapsedMs))),
      cpuUs: cpuUs(median(rawRuns.map((r) => r.cpuMs)), n),
    };
    ctx.log(`  raw undici: ${rawRuns.map((r) => fmtRate(rate(n, r.elapsedMs))).join(", ")}; ${raw.cpuUs} µs CPU/delivery`);
    rows.push(
      vs(
        "deliveries/s, SQLite, attempts logged ÷ raw undici",
        sqlite,
        raw,
        0.7,
        "ours' CPU includes SQLite's work (same thread)",
      ),
      vs("deliveries/s, Postgres, attempts logged ÷ raw undici", pg, raw, 0.6, "Postgres server's CPU not counted"),
    );
  }

  if (peers.has("graphile")) {
    const db = await createPgDatabase("graphile");
    ctx.onCleanup(db.drop);
    const graphile = await peerBest(
      ctx,
      "graphile-worker",
      n,
      runs,
      GRAPHILE_CONFIGS,
      (c) => `concurrency=${c.concurrency} localQueue=${c.localQueue}`,
      (c) =>
        timeChild(ctx, "bench/graphile-runner.ts", {
          BENCH_PG_URL: db.url,
          BENCH_URLS: urls.join(","),
          BENCH_N: String(n),
          BENCH_CONCURRENCY: String(c.concurrency),
          BENCH_LOCAL_QUEUE: String(c.localQueue),
          BENCH_COMPLETE_BATCH_DELAY: "0",
        }),
    );
    await db.drop();
    rows.push(
      vs(
        "deliveries/s, Postgres: ours ÷ graphile-worker",
        pg,
        graphile,
        1.15,
        `graphile-worker 0.17 best at concurrency/localQueue ${graphile.config.concurrency}/${graphile.config.localQueue}, no attempt log; Postgres server's CPU not counted${ofRaw(graphile)}`,
      ),
    );
  }

  if (peers.has("bullmq")) {
    const redisUrl = await findOrStartRedis(ctx);
    const bullmq = await peerBest(
      ctx,
      "BullMQ",
      n,
      runs,
      BULLMQ_CONCURRENCY,
      (c) => `concurrency=${c}`,
      (c) =>
        timeChild(ctx, "bench/bullmq-runner.ts", {
          BENCH_REDIS_URL: redisUrl,
          BENCH_QUEUE_PREFIX: `docuhooks-bench-${process.pid}`,
          BENCH_URLS: urls.join(","),
          BENCH_N: String(n),
          BENCH_CONCURRENCY: String(c),
        }),
    );
    const note = `BullMQ 6 on Redis best at concurrency ${bullmq.config}, completed jobs kept; Redis's CPU not counted${ofRaw(bullmq)}`;
    rows.push(
      vs("deliveries/s, SQLite: ours ÷ BullMQ", sqlite, bullmq, 1.8, note),
      vs("deliveries/s, Postgres: ours ÷ BullMQ", pg, bullmq, 1.5, note),
    );
  }
  return rows;
}

function labelOf(db: BenchDatabase): string {
  return db.label === "sqlite" ? "SQLite" : "Postgres";
}
