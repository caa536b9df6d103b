// Deliveries per second to the loopback receiver: ours on SQLite and on Postgres (every
// attempt logged) against raw undici, graphile-worker and BullMQ, all in the same run, each
// with the CPU its sending process spent per delivery. --quick runs every peer with the same
// tuning as a full run, on fewer deliveries and once each.
import type { BenchDatabase } from "../bench-db";
import { createPgDatabase } from "../bench-db";
import { spawnBenchChild } from "../child";
import type { BenchContext } from "../context";
import { timeOursDrains } from "../ours";
import { topStatements } from "../pg-statements";
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

type Timed = { elapsedMs: number; cpuMs: number; storeCpuMs?: number; walBytes?: number };
/** storeCpuUs: the store's server (Postgres, Redis) per delivery; none for SQLite (in-process). */
type Measured = { perSecond: number; cpuUs: number; storeCpuUs?: number };

async function timeChild(ctx: BenchContext, file: string, env: Record<string, string>): Promise<Timed> {
  const child = spawnBenchChild(file, env);
  ctx.onCleanup(() => child.stop(1_000));
  const done = await child.next("done", 600_000);
  await child.exited;
  return {
    elapsedMs: done.elapsedMs as number,
    cpuMs: done.cpuMs as number,
    storeCpuMs: done.storeCpuMs as number | undefined,
    walBytes: done.walBytes as number | undefined,
  };
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
  let top = { perSecond: 0, timed: { elapsedMs: 0, cpuMs: 0 } as Timed, config: configs[0] };
  for (const config of configs) {
    const timed = await time(config);
    const perSecond = rate(n, timed.elapsedMs);
    ctx.log(`  ${name} ${settingName(config)}: ${fmtRate(perSecond)}, ${cpuUsText(timed, n)}`);
    if (perSecond > top.perSecond) top = { perSecond, timed, config };
  }
  const timedRuns = [top.timed];
  for (let run = 1; run < runs; run++) timedRuns.push(await time(top.config));
  return { ...measure(timedRuns, n), config: top.config };
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
    const { times, cpuMs, storeCpuMs, walBytes } = await timeOursDrains(ctx, db, { urls, events, runs });
    const measured = measure(
      times.map((elapsedMs, i) => ({ elapsedMs, cpuMs: cpuMs[i], storeCpuMs: storeCpuMs[i] })),
      n,
    );
    ctx.log(
      `  ours on ${labelOf(db)}: ${times.map((ms) => fmtRate(rate(n, ms))).join(", ")}; ${measured.cpuUs} µs CPU/delivery in the worker${measured.storeCpuUs === undefined ? "" : `, ${measured.storeCpuUs} in the Postgres server, ${walPerDelivery(median(walBytes), n)}`}`,
    );
    return measured;
  };
  const sqlite = await ours(dbs.sqlite);
  const pg = await ours(dbs.postgres);
  // Ours drains a warm-up of 1,000 deliveries, then n per run.
  if (ctx.pgStatements) ctx.log(`  ours' statements on Postgres:\n${await topStatements(dbs.postgres.url, 1_000 + n * runs)}`);
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
    cpuUs: { ours: side.cpuUs, baseline: peer.cpuUs, oursStore: side.storeCpuUs, baselineStore: peer.storeCpuUs },
    target: `≥ ${target.toFixed(2)}`,
    pass: side.perSecond / peer.perSecond >= target,
    note,
  });

  if (peers.has("raw")) {
    raw = measure(rawRuns, n);
    ctx.log(`  raw undici: ${rawRuns.map((r) => fmtRate(rate(n, r.elapsedMs))).join(", ")}; ${raw.cpuUs} µs CPU/delivery`);
    rows.push(
      vs(
        "deliveries/s, SQLite, attempts logged ÷ raw undici",
        sqlite,
        raw,
        0.7,
        "ours' CPU includes SQLite's work (same thread)",
      ),
      vs(
        "deliveries/s, Postgres, attempts logged ÷ raw undici",
        pg,
        raw,
        0.6,
        "+ store: the Postgres server's CPU per delivery, beside the worker's",
      ),
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
    // Each graphile-worker child warms up on min(1,000, n) jobs, then drains n.
    const graphileDeliveries = (GRAPHILE_CONFIGS.length + runs - 1) * (n + Math.min(1_000, n));
    if (ctx.pgStatements)
      ctx.log(`  graphile-worker's statements on Postgres:\n${await topStatements(db.url, graphileDeliveries)}`);
    await db.drop();
    rows.push(
      vs(
        "deliveries/s, Postgres: ours ÷ graphile-worker",
        pg,
        graphile,
        1.3,
        `graphile-worker 0.17 best at concurrency/localQueue ${graphile.config.concurrency}/${graphile.config.localQueue}, no attempt log; + store: the Postgres server's CPU${ofRaw(graphile)}`,
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
    const note = `BullMQ 6 on Redis best at concurrency ${bullmq.config}, completed jobs kept; + store: Redis's CPU${ofRaw(bullmq)}`;
    rows.push(
      vs("deliveries/s, SQLite: ours ÷ BullMQ", sqlite, bullmq, 1.8, note),
      vs("deliveries/s, Postgres: ours ÷ BullMQ", pg, bullmq, 1.5, note),
    );
  }
  return rows;
}

/** The fastest run's rate; the median CPU of the runs, the sender's and the store server's. */
function measure(timed: Timed[], n: number): Measured {
  const store = timed.flatMap((t) => (t.storeCpuMs === undefined ? [] : [t.storeCpuMs]));
  return {
    perSecond: rate(n, best(timed.map((t) => t.elapsedMs))),
    cpuUs: cpuUs(median(timed.map((t) => t.cpuMs)), n),
    storeCpuUs: store.length ? cpuUs(median(store), n) : undefined,
  };
}

function cpuUsText(timed: Timed, n: number): string {
  const store = timed.storeCpuMs === undefined ? "" : ` + ${cpuUs(timed.storeCpuMs, n)} in the store's server`;
  const wal = timed.walBytes === undefined ? "" : `, ${walPerDelivery(timed.walBytes, n)}`;
  return `${cpuUs(timed.cpuMs, n)} µs CPU/delivery${store}${wal}`;
}

function walPerDelivery(bytes: number, n: number): string {
  return `${Math.round(bytes / n).toLocaleString("en-US")} WAL bytes/delivery`;
}

function labelOf(db: BenchDatabase): string {
  return db.label === "sqlite" ? "SQLite" : "Postgres";
}
