// Event -> first attempt at the receiver, at a steady offered load of 500 events/s, each event
// going to one webhook. Events are recorded with recordEvent() in this process and the worker
// runs in this process too, as inside `next start` (the in-process wake-up). Each payload
// carries its record time (benchSentAt); the receiver stamps arrival on the same wall clock.
import { recordEvent } from "@/lib/webhooks/record-event";
import { startDeliveryWorker } from "@/lib/webhooks/delivery/worker";
import { clearOutbox, seedUserWithWebhooks, useDatabase, type BenchDatabase } from "../bench-db";
import type { BenchContext } from "../context";
import { BENCH_EVENT, benchDocument } from "../fixtures";
import { waitForArrivals } from "../receiver-client";
import { fmtRate, percentile, type Row } from "../table";

const EVENTS_PER_SECOND = 500;
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function offer(userId: string, count: number, perSecond: number): Promise<number> {
  const pending: Promise<unknown>[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait >= 1) await sleep(wait);
    pending.push(recordEvent(userId, { type: BENCH_EVENT, payload: benchDocument(i, { benchSentAt: wallNow() }) }));
  }
  await Promise.all(pending);
  return performance.now() - started;
}

async function latencyOn(ctx: BenchContext, db: BenchDatabase): Promise<Row> {
  await useDatabase(db);
  await clearOutbox();
  const { userId } = await seedUserWithWebhooks(ctx.receiver.urls(1, "lat"));
  const worker = startDeliveryWorker();
  try {
    await offer(userId, 500, 2_000); // warm-up, not measured
    await waitForArrivals(ctx.receiver, "/lat", 500, 60_000);
    await ctx.receiver.reset();
    const count = EVENTS_PER_SECOND * (ctx.quick ? 2 : 8);
    const elapsedMs = await offer(userId, count, EVENTS_PER_SECOND);
    await waitForArrivals(ctx.receiver, "/lat", count, 60_000);
    const latencies = await ctx.receiver.latencies();
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const label = db.label === "sqlite" ? "SQLite" : "Postgres";
    ctx.log(`latency on ${label}: ${latencies.length} events offered at ${fmtRate((count / elapsedMs) * 1000)}: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
    return {
      figure: `event → first attempt p50 / p99 at 500 events/s, ${label}`,
      ours: `${p50.toFixed(1)} / ${p99.toFixed(1)} ms`,
      baseline: "-",
      target: "≤ 5 / ≤ 25 ms",
      pass: p50 <= 5 && p99 <= 25,
    };
  } finally {
    await worker.stop();
  }
}

export async function latencyFigures(ctx: BenchContext, dbs: { sqlite: BenchDatabase; postgres: BenchDatabase }): Promise<Row[]> {
  return [await latencyOn(ctx, dbs.sqlite), await latencyOn(ctx, dbs.postgres)];
}
