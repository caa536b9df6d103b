// Times the webhook health query with 1,000,000 attempts, on a temp SQLite file and on a
// fresh Postgres database, both dropped afterwards (bench/health-query.ts says how they are
// seeded). Not a test: prints figures (median of 5 runs) and the plan; `npm run bench`'s
// "health" figure runs the same measurement.
//   npx tsx bench/measure-health-query.ts [--attempts N] [--spread]
//   --spread: attempts over 30 days and 10 webhooks (typical); default: all 1M in the last
//   24 h of ONE webhook (the worst case: the health window itself holds 1M attempts).
//   --keep-sqlite: keep the SQLite file for EXPLAIN and skip Postgres.
//   PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) names where the
//   throwaway database is created.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { closeDb, migrateToLatest } from "@/db";
import { timeHealthQuery } from "./health-query";

const args = process.argv.slice(2);
const ATTEMPTS = Number(args[args.indexOf("--attempts") + 1] || 0) || 1_000_000;
const isSpread = args.includes("--spread");
/** Diagnosis: keep the SQLite file (its path is printed) and skip Postgres. */
const isKeepSqlite = args.includes("--keep-sqlite");

async function measure(label: "sqlite" | "postgres"): Promise<void> {
  await migrateToLatest();
  const timing = await timeHealthQuery(label, { attempts: ATTEMPTS, spread: isSpread });
  const { health } = timing;
  console.log(
    `${label.padEnd(8)} ${ATTEMPTS.toLocaleString("en")} attempts (${isSpread ? "30 days, 10 webhooks" : "all in the 24 h window, 1 webhook"}): ` +
      `health query median ${timing.medianMs.toFixed(1)} ms (min ${timing.minMs.toFixed(1)}, max ${timing.maxMs.toFixed(1)}); inserted in ${timing.insertSeconds.toFixed(0)} s`,
  );
  console.log(
    `         window: ${health?.attempts} attempts, attempt success ${health?.attemptSuccessRate?.toFixed(3)}, p50 ${health?.p50Ms} ms, p95 ${health?.p95Ms} ms, backlog ${health?.backlog}`,
  );
  console.log(`         plan: ${timing.planLines.join(" | ")}`);
  await closeDb();
}

async function main(): Promise<void> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "docuhooks-health-"));
  process.env.DATA_DIR = tempDir;
  try {
    process.env.DATABASE_URL = path.join(tempDir, "health.db");
    await measure("sqlite");
  } finally {
    if (isKeepSqlite) console.log(`kept ${process.env.DATABASE_URL}`);
    else fs.rmSync(tempDir, { recursive: true, force: true });
  }
  if (isKeepSqlite) return;

  const adminUrl = process.env.PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `docuhooks_health_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    await measure("postgres");
  } finally {
    // Without FORCE first: killing backends of a pool that is just closing made its idle
    // clients emit unhandled errors now and then. Closed connections go within moments.
    await dropDatabase(admin, name);
    await admin.end();
  }
}

async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 20 ? " WITH (FORCE)" : ""}`);
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
