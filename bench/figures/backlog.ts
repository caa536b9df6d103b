// Throughput with a big backlog (1,000,000 pending; --quick 100,000) against a small one
// (10,000): the claim must not slow down as the table grows. The worker runs as its own
// process, and its peak RSS (VmHWM) over both runs is the memory figure.
import {
  type BenchDatabase,
  clearOutbox,
  fillOutbox,
  seedUserWithWebhooks,
  switchDatabase,
  waitForOutboxDrained,
} from "../bench-db";
import type { BenchContext } from "../context";
import { startOursWorker } from "../ours";
import { arrivalsOn } from "../receiver-client";
import { cpuUs, fmtRate, type Row, rate } from "../table";

const ENDPOINTS = 10;
const SMALL = 10_000;

/** Drains while sampling the receiver, so the note can show whether the rate sagged late on. */
async function drainWithProgress(ctx: BenchContext, wake: () => void, count: number, webhookIds: string[]) {
  await ctx.receiver.reset();
  const samples: { ms: number; n: number }[] = [];
  const started = performance.now();
  wake();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const n = arrivalsOn(await ctx.receiver.stats(), "/wh");
    samples.push({ ms: performance.now() - started, n });
    if (n >= count) break;
    if (performance.now() - started > 30 * 60_000) throw new Error(`backlog not drained in 30 min (${n}/${count})`);
  }
  await waitForOutboxDrained(webhookIds, 120_000, 50);
  const elapsedMs = performance.now() - started;
  // Rate over the first and the last tenth of the deliveries.
  const at = (n: number) => samples.find((s) => s.n >= n)!.ms;
  const tenth = count / 10;
  const first = rate(tenth, at(tenth));
  const last = rate(tenth, at(count) - at(count - tenth));
  return { elapsedMs, first, last };
}

async function backlogOn(ctx: BenchContext, db: BenchDatabase): Promise<Row[]> {
  const big = ctx.quick ? 100_000 : 1_000_000;
  const label = db.label === "sqlite" ? "SQLite" : "Postgres";
  await switchDatabase(db);
  await clearOutbox();
  const urls = ctx.receiver.urls(ENDPOINTS);
  const { userId, webhookIds } = await seedUserWithWebhooks(urls);
  const worker = await startOursWorker(ctx, db);
  try {
    await worker.drain({ prefix: "/wh", count: 100 * ENDPOINTS, webhookIds }, () => fillOutbox(userId, 100));
    const smallCpuBefore = await worker.cpuMs();
    const { elapsedMs: smallMs } = await worker.drain({ prefix: "/wh", count: SMALL, webhookIds }, () =>
      fillOutbox(userId, SMALL / ENDPOINTS),
    );
    ctx.log(
      `backlog on ${label}: ${SMALL.toLocaleString("en-US")} pending drained at ${fmtRate(rate(SMALL, smallMs))}; filling ${big.toLocaleString("en-US")}`,
    );
    const smallCpuMs = (await worker.cpuMs()) - smallCpuBefore;
    const fillStarted = performance.now();
    await fillOutbox(userId, big / ENDPOINTS);
    ctx.log(`  filled in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s; draining`);
    const bigCpuBefore = await worker.cpuMs();
    const bigRun = await drainWithProgress(ctx, () => worker.child.send("wake"), big, webhookIds);
    const bigCpuMs = (await worker.cpuMs()) - bigCpuBefore;
    const peak = worker.peakRssMiB() ?? NaN;
    const small = rate(SMALL, smallMs);
    const large = rate(big, bigRun.elapsedMs);
    ctx.log(
      `  ${big.toLocaleString("en-US")} drained at ${fmtRate(large)} (first tenth ${fmtRate(bigRun.first)}, last tenth ${fmtRate(bigRun.last)}); worker peak RSS ${peak.toFixed(0)} MiB`,
    );
    const bigLabel = big >= 1_000_000 ? "1M" : `${big / 1000}k`;
    return [
      {
        figure: `deliveries/s with ${bigLabel} pending ÷ with 10k, ${label}`,
        ours: fmtRate(large),
        baseline: fmtRate(small),
        ratio: large / small,
        cpuUs: { ours: cpuUs(bigCpuMs, big), baseline: cpuUs(smallCpuMs, SMALL) },
        target: "≥ 0.90",
        pass: large / small >= 0.9,
        note: `${label} ${bigLabel} run: first tenth ${fmtRate(bigRun.first)}, last tenth ${fmtRate(bigRun.last)}`,
      },
      {
        figure: `worker peak RSS during the ${bigLabel}-backlog run, ${label}`,
        ours: `${peak.toFixed(0)} MiB`,
        baseline: "-",
        target: "≤ 300 MB",
        pass: peak * 1.048576 <= 300,
      },
    ];
  } finally {
    await worker.stop();
  }
}

export async function backlogFigures(
  ctx: BenchContext,
  dbs: { sqlite: BenchDatabase; postgres: BenchDatabase },
  sqliteOnly = false,
): Promise<Row[]> {
  const rows = await backlogOn(ctx, dbs.sqlite);
  if (!ctx.quick && !sqliteOnly) rows.push(...(await backlogOn(ctx, dbs.postgres)));
  return rows;
}
