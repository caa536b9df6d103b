// Deliveries per second to the loopback receiver: ours on SQLite and on Postgres (every
// attempt logged) against raw undici and against graphile-worker, all in the same run.
import type { BenchDatabase } from "../bench-db";
import { createPgDatabase } from "../bench-db";
import { spawnBenchChild } from "../child";
import type { BenchContext } from "../context";
import { timeOursDrains } from "../ours";
import { fmtRate, median, rate, type Row } from "../table";

const ENDPOINTS = 10;
const RAW_INFLIGHT = 256;

async function timeRaw(ctx: BenchContext, n: number): Promise<number> {
  const child = spawnBenchChild("bench/raw-sender.ts", {
    BENCH_URLS: ctx.receiver.urls(ENDPOINTS).join(","),
    BENCH_N: String(n),
    BENCH_INFLIGHT: String(RAW_INFLIGHT),
  });
  const done = await child.next("done", 300_000);
  await child.exited;
  return done.elapsedMs as number;
}

type GraphileConfig = { concurrency: number; localQueue: number };

async function timeGraphile(ctx: BenchContext, pgUrl: string, n: number, config: GraphileConfig): Promise<number> {
  const child = spawnBenchChild("bench/graphile-runner.ts", {
    BENCH_PG_URL: pgUrl,
    BENCH_URLS: ctx.receiver.urls(ENDPOINTS).join(","),
    BENCH_N: String(n),
    BENCH_CONCURRENCY: String(config.concurrency),
    BENCH_LOCAL_QUEUE: String(config.localQueue),
    BENCH_COMPLETE_BATCH_DELAY: "0",
  });
  ctx.onCleanup(() => child.stop(1_000));
  const done = await child.next("done", 600_000);
  await child.exited;
  return done.elapsedMs as number;
}

/** graphile-worker at its best here: a few concurrency / local-queue settings, the fastest kept. */
async function graphileBest(ctx: BenchContext, n: number, runs: number): Promise<{ perSecond: number; config: GraphileConfig }> {
  const db = await createPgDatabase("graphile");
  ctx.onCleanup(db.drop);
  const candidates: GraphileConfig[] = ctx.quick
    ? [{ concurrency: 64, localQueue: 256 }]
    : [
        { concurrency: 32, localQueue: 128 },
        { concurrency: 64, localQueue: 256 },
        { concurrency: 128, localQueue: 512 },
      ];
  let best = { perSecond: 0, config: candidates[0] };
  for (const config of candidates) {
    const perSecond = rate(n, await timeGraphile(ctx, db.url, n, config));
    ctx.log(`  graphile-worker concurrency=${config.concurrency} localQueue=${config.localQueue}: ${fmtRate(perSecond)}`);
    if (perSecond > best.perSecond) best = { perSecond, config };
  }
  const rates = [best.perSecond];
  for (let run = 1; run < runs; run++) rates.push(rate(n, await timeGraphile(ctx, db.url, n, best.config)));
  await db.drop();
  return { perSecond: median(rates), config: best.config };
}

export async function deliveryThroughputFigures(ctx: BenchContext, dbs: { sqlite: BenchDatabase; postgres: BenchDatabase }): Promise<Row[]> {
  const n = ctx.quick ? 3_000 : 20_000;
  const runs = ctx.quick ? 1 : 3;
  const events = n / ENDPOINTS;
  const urls = ctx.receiver.urls(ENDPOINTS);
  ctx.log(`delivery throughput: ${n.toLocaleString("en-US")} signed ~1 KB deliveries to ${ENDPOINTS} endpoints, ${runs} run(s) each`);

  // Raw undici runs bracket ours (before and after), so drift on a shared machine shows up in both.
  const rawTimes = [];
  for (let run = 0; run < runs; run++) rawTimes.push(await timeRaw(ctx, n));
  const sqliteTimes = await timeOursDrains(ctx, dbs.sqlite, { urls, events, runs });
  ctx.log(`  ours on SQLite: ${sqliteTimes.map((ms) => fmtRate(rate(n, ms))).join(", ")}`);
  const pgTimes = await timeOursDrains(ctx, dbs.postgres, { urls, events, runs });
  ctx.log(`  ours on Postgres: ${pgTimes.map((ms) => fmtRate(rate(n, ms))).join(", ")}`);
  for (let run = 0; run < runs; run++) rawTimes.push(await timeRaw(ctx, n));
  ctx.log(`  raw undici: ${rawTimes.map((ms) => fmtRate(rate(n, ms))).join(", ")}`);
  const graphile = await graphileBest(ctx, n, runs);

  const raw = rate(n, median(rawTimes));
  const sqlite = rate(n, median(sqliteTimes));
  const pg = rate(n, median(pgTimes));
  return [
    {
      figure: "deliveries/s, SQLite, attempts logged ÷ raw undici",
      ours: fmtRate(sqlite),
      baseline: fmtRate(raw),
      ratio: sqlite / raw,
      target: "≥ 0.70",
      pass: sqlite / raw >= 0.7,
    },
    {
      figure: "deliveries/s, Postgres, attempts logged ÷ raw undici",
      ours: fmtRate(pg),
      baseline: fmtRate(raw),
      ratio: pg / raw,
      target: "≥ 0.60",
      pass: pg / raw >= 0.6,
    },
    {
      figure: "deliveries/s, Postgres: ours ÷ graphile-worker",
      ours: fmtRate(pg),
      baseline: fmtRate(graphile.perSecond),
      ratio: pg / graphile.perSecond,
      target: "≥ 1.15",
      pass: pg / graphile.perSecond >= 1.15,
      note: `graphile-worker 0.17 best of concurrency/localQueue ${graphile.config.concurrency}/${graphile.config.localQueue}, no attempt log; it ran at ${(graphile.perSecond / raw).toFixed(2)} of raw undici`,
    },
  ];
}
