// Event -> first attempt at the receiver, at a steady offered load of 500 events/s, each event
// going to one webhook. Events are recorded with recordEvent() in this process and the worker
// runs in this process too, as inside `next start` (the in-process wake-up). Each payload
// carries its record time (benchSentAt); the receiver stamps arrival on the same wall clock.

import { startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { recordEvent } from "@/lib/ingest/record-event";
import { type BenchDatabase, clearOutbox, seedUserWithWebhooks, switchDatabase } from "../bench-db";
import type { BenchContext } from "../context";
import { BENCH_EVENT, benchDocument } from "../fixtures";
import { waitForArrivals } from "../receiver-client";
import { fmtRate, percentile, type Row } from "../table";

const EVENTS_PER_SECOND = 500;
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Offers `count` events at `perSecond`; returns the elapsed ms and each recordEvent()'s duration. */
async function offer(userId: string, count: number, perSecond: number): Promise<{ elapsedMs: number; recordMs: number[] }> {
  const pending: Promise<unknown>[] = [];
  const recordMs: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / perSecond - performance.now();
    // Behind schedule, still yield: the worker shares this thread, as it does in `next start`.
    if (wait >= 1) await sleep(wait);
    else await new Promise((resolve) => setImmediate(resolve));
    const sentAt = wallNow();
    pending.push(
      recordEvent(userId, { type: BENCH_EVENT, payloadJson: JSON.stringify(benchDocument(i, { benchSentAt: sentAt })) }).then(
        () => recordMs.push(wallNow() - sentAt),
      ),
    );
  }
  await Promise.all(pending);
  return { elapsedMs: performance.now() - started, recordMs };
}

async function latencyOn(ctx: BenchContext, db: BenchDatabase): Promise<Row> {
  await switchDatabase(db);
  await clearOutbox();
  const { userId } = await seedUserWithWebhooks(ctx.receiver.urls(1, "lat"));
  const worker = startDeliveryWorker();
  try {
    await ctx.receiver.reset();
    await offer(userId, 500, EVENTS_PER_SECOND); // warm-up, not measured
    await waitForArrivals(ctx.receiver, "/lat", 500, 60_000).catch((error: Error) => {
      // Say what the worker saw, so a stall can be told apart from a slow machine.
      throw new Error(`${error.message}; worker ${JSON.stringify(worker.stats())}`);
    });
    await ctx.receiver.reset();
    const count = EVENTS_PER_SECOND * (ctx.quick ? 2 : 8);
    const { elapsedMs, recordMs } = await offer(userId, count, EVENTS_PER_SECOND);
    await waitForArrivals(ctx.receiver, "/lat", count, 60_000);
    const latencies = await ctx.receiver.latencies();
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const label = db.label === "sqlite" ? "SQLite" : "Postgres";
    ctx.log(
      `latency on ${label}: ${latencies.length} events at ${fmtRate((count / elapsedMs) * 1000)}: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, ` +
        `max ${Math.max(...latencies).toFixed(1)} ms; of which recordEvent() (commit) p50 ${percentile(recordMs, 50).toFixed(2)} ms, p99 ${percentile(recordMs, 99).toFixed(2)} ms`,
    );
    return {
      figure: `event → first attempt p50 / p99 at 500 events/s, ${label}`,
      ours: `${p50.toFixed(1)} / ${p99.toFixed(1)} ms`,
      baseline: "-",
      target: "≤ 3 / ≤ 15 ms",
      pass: p50 <= 3 && p99 <= 15,
      note: `${label}: recordEvent() itself (the ingestion commit) took p50 ${percentile(recordMs, 50).toFixed(1)} ms, p99 ${percentile(recordMs, 99).toFixed(1)} ms of that`,
    };
  } finally {
    await worker.stop();
  }
}

export async function latencyFigures(ctx: BenchContext, dbs: { sqlite: BenchDatabase; postgres: BenchDatabase }): Promise<Row[]> {
  return [await latencyOn(ctx, dbs.sqlite), await latencyOn(ctx, dbs.postgres)];
}
