// The health strip's query with a big attempt log in its 24 h window (1M attempts in one
// webhook's last day; 100k in --quick), on each database: bench/health-query.ts seeds and
// times it. Not a ratio: the target is an absolute time per page view.
import { type BenchDatabase, switchDatabase } from "../bench-db";
import type { BenchContext } from "../context";
import { timeHealthQuery } from "../health-query";
import type { Row } from "../table";

const TARGET_MS = 20;

export async function healthQueryFigures(
  ctx: BenchContext,
  dbs: { sqlite: BenchDatabase; postgres: BenchDatabase },
): Promise<Row[]> {
  const attempts = ctx.quick ? 100_000 : 1_000_000;
  const medians: number[] = [];
  for (const db of [dbs.sqlite, dbs.postgres]) {
    await switchDatabase(db);
    const timing = await timeHealthQuery(db.label, { attempts, spread: false });
    ctx.log(
      `health query on ${db.label}: median ${timing.medianMs.toFixed(1)} ms (min ${timing.minMs.toFixed(1)}, max ${timing.maxMs.toFixed(1)}) over ${attempts.toLocaleString("en-US")} attempts, seeded in ${timing.insertSeconds.toFixed(0)} s; plan: ${timing.planLines.join(" | ")}`,
    );
    medians.push(timing.medianMs);
  }
  const [sqlite, postgres] = medians;
  return [
    {
      figure: `health strip query, ${attempts.toLocaleString("en-US")} attempts in one webhook's 24 h, SQLite / Postgres`,
      ours: `${sqlite.toFixed(1)} / ${postgres.toFixed(1)} ms`,
      baseline: "-",
      target: `≤ ${TARGET_MS} ms both`,
      pass: sqlite <= TARGET_MS && postgres <= TARGET_MS,
      note: "median of 5 runs after an untimed one; it reads the per-minute rollup, not the attempt log",
    },
  ];
}
