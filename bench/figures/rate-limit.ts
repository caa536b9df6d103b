// A webhook with its own rate limit (50 deliveries a second) beside one without: what the
// limited endpoint receives, against its limit, while the other drains at full speed. Ours as
// a real worker process; the rows wait for it in the outbox, so the limit alone sets the pace.
import { getDb } from "@/db";
import { type BenchDatabase, clearOutbox, fillOutbox, seedUserWithWebhooks, switchDatabase } from "../bench-db";
import type { BenchContext } from "../context";
import { startOursWorker } from "../ours";
import { arrivalsOn, waitForArrivals } from "../receiver-client";
import { fmtRate, type Row } from "../table";

const LIMIT = 50;
/** What the shared bucket holds when the worker starts: two tenths of a second's tokens. */
const BURST = 10;

export async function rateLimitFigures(
  ctx: BenchContext,
  dbs: { sqlite: BenchDatabase; postgres: BenchDatabase },
): Promise<Row[]> {
  const events = ctx.quick ? 150 : 400;
  const rows: Row[] = [];
  for (const db of ctx.quick ? [dbs.sqlite] : [dbs.sqlite, dbs.postgres]) {
    const label = db.label === "sqlite" ? "SQLite" : "Postgres";
    await switchDatabase(db);
    await clearOutbox();
    const [limitedUrl, freeUrl] = ctx.receiver.urls(2);
    const { userId, webhookIds } = await seedUserWithWebhooks([limitedUrl, freeUrl]);
    await getDb().updateTable("webhooks").set({ rate_limit_per_second: LIMIT }).where("id", "=", webhookIds[0]).execute();
    const [limitedPath, freePath] = [new URL(limitedUrl).pathname, new URL(freeUrl).pathname];
    ctx.log(`rate limit on ${db.label}: ${events} deliveries to an endpoint limited to ${LIMIT}/s and ${events} to one without`);
    // Polling as a deployed worker does (its default interval): the bench children otherwise
    // poll once an hour and rely on wake-ups alone.
    const worker = await startOursWorker(ctx, db, { DELIVERY_POLL_INTERVAL_MS: "1000" });
    try {
      const before = await ctx.receiver.stats();
      await fillOutbox(userId, events);
      const started = performance.now();
      worker.child.send("wake");
      await waitForArrivals(ctx.receiver, freePath, arrivalsOn(before, freePath) + events, 120_000, 5);
      const freeMs = performance.now() - started;
      await waitForArrivals(ctx.receiver, limitedPath, arrivalsOn(before, limitedPath) + events, 120_000, 5);
      const limitedMs = performance.now() - started;
      // Past the first burst the bucket refills at the limit, so that is the rate to compare.
      const received = ((events - BURST) * 1000) / limitedMs;
      ctx.log(`  limited: ${events} in ${limitedMs.toFixed(0)} ms; the other: ${events} in ${freeMs.toFixed(0)} ms`);
      rows.push({
        figure: `endpoint limited to ${LIMIT}/s, received ÷ its limit, ${label}`,
        ours: fmtRate(received),
        baseline: fmtRate(LIMIT),
        ratio: received / LIMIT,
        target: "0.90–1.10",
        pass: received / LIMIT >= 0.9 && received / LIMIT <= 1.1,
        note: `the unlimited endpoint beside it: ${events} in ${(freeMs / 1000).toFixed(2)} s, done while the limited one had ~${Math.round((freeMs / 1000) * LIMIT)}`,
      });
    } finally {
      await worker.stop();
    }
  }
  return rows;
}
