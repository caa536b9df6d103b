// Healthy endpoints' throughput while one endpoint never answers, against the same endpoints
// with no hanging one. The hanging endpoint gets as many deliveries as each healthy one; its
// requests sit in flight until the attempt timeout (10 s), longer than a measured run.
import type { BenchDatabase } from "../bench-db";
import type { BenchContext } from "../context";
import { timeOursDrains } from "../ours";
import { best, cpuUs, fmtRate, median, type Row, rate } from "../table";

const HEALTHY = 8;

export async function hangingEndpointFigures(
  ctx: BenchContext,
  dbs: { sqlite: BenchDatabase; postgres: BenchDatabase },
): Promise<Row[]> {
  const events = ctx.quick ? 300 : 2_000;
  const runs = ctx.quick ? 1 : 2;
  const healthy = ctx.receiver.urls(HEALTHY);
  const n = events * HEALTHY;
  const rows: Row[] = [];
  for (const db of ctx.quick ? [dbs.sqlite] : [dbs.sqlite, dbs.postgres]) {
    ctx.log(
      `hanging endpoint on ${db.label}: ${n.toLocaleString("en-US")} deliveries to ${HEALTHY} healthy endpoints, without and with a ninth that hangs`,
    );
    const withoutRun = await timeOursDrains(ctx, db, { urls: healthy, events, runs });
    const withRun = await timeOursDrains(ctx, db, { urls: [...healthy, ctx.receiver.hangUrl], events, runs, stopGraceMs: 1_000 });
    const without = withoutRun.times;
    const withHang = withRun.times;
    const base = rate(n, best(without));
    const hung = rate(n, best(withHang));
    ctx.log(`  without: ${without.map((ms) => fmtRate(rate(n, ms))).join(", ")} (worker ${JSON.stringify(withoutRun.stats)})`);
    ctx.log(`  with:    ${withHang.map((ms) => fmtRate(rate(n, ms))).join(", ")} (worker ${JSON.stringify(withRun.stats)})`);
    rows.push({
      figure: `healthy endpoints' deliveries/s, one endpoint hanging ÷ none, ${db.label === "sqlite" ? "SQLite" : "Postgres"}`,
      ours: fmtRate(hung),
      baseline: fmtRate(base),
      ratio: hung / base,
      cpuUs: { ours: cpuUs(median(withRun.cpuMs), n), baseline: cpuUs(median(withoutRun.cpuMs), n) },
      target: "≥ 0.90",
      pass: hung / base >= 0.9,
    });
  }
  return rows;
}
