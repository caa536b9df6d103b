// Times the webhook health query (lib/delivery-log/get-webhook-health.ts) with 1,000,000 attempts, on a temp
// SQLite file and on a fresh Postgres database, both dropped afterwards. Not a test: prints
// figures (median of 5 runs) for the health query's entry in docs/decisions.md.
//   npx tsx bench/measure-health-query.ts [--attempts N] [--spread]
//   --spread: attempts over 30 days and 10 webhooks (typical); default: all 1M in the last
//   24 h of ONE webhook (the worst case: the health window itself holds 1M attempts).
//   --keep-sqlite: keep the SQLite file for EXPLAIN and skip Postgres.
//   PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) names where the
//   throwaway database is created.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";

const args = process.argv.slice(2);
const ATTEMPTS = Number(args[args.indexOf("--attempts") + 1] || 0) || 1_000_000;
const isSpread = args.includes("--spread");
/** Diagnosis: keep the SQLite file (its path is printed) and skip Postgres. */
const isKeepSqlite = args.includes("--keep-sqlite");
const WEBHOOKS = isSpread ? 10 : 1;
const ATTEMPTS_PER_DELIVERY = 20;
const ROWS_PER_INSERT = 1_000;
const DAY = 24 * 60 * 60 * 1000;

async function measure(label: string): Promise<void> {
  const { getDb, closeDb, migrateToLatest } = await import("@/db");
  const { getWebhookHealth } = await import("@/lib/delivery-log/get-webhook-health");
  const { newId } = await import("@/lib/ids");
  const { addLoggedAttemptsToRollup } = await import("@/lib/delivery-log/rollup");
  await migrateToLatest();
  const db = getDb();
  const now = Date.now();
  const userId = newId("usr");
  await db
    .insertInto("users")
    .values({ id: userId, email: "bench@example.com", name: null, password_hash: "x", created_at: now })
    .execute();
  const webhookIds = Array.from({ length: WEBHOOKS }, () => newId("wh"));
  await db
    .insertInto("webhooks")
    .values(
      webhookIds.map((id) => ({
        id,
        user_id: userId,
        url: "http://127.0.0.1:9/hook",
        events: '["DOCUMENT_SIGNED"]',
        enabled: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const eventId = newId("evt");
  await db
    .insertInto("events")
    .values({ id: eventId, user_id: userId, type: "DOCUMENT_SIGNED", payload: "{}", created_at: now })
    .execute();

  const started = performance.now();
  const span = isSpread ? 30 * DAY : DAY - 60_000;
  const deliveries = Math.ceil(ATTEMPTS / ATTEMPTS_PER_DELIVERY);
  for (let first = 0; first < deliveries; first += ROWS_PER_INSERT) {
    const rows = [];
    for (let i = first; i < Math.min(deliveries, first + ROWS_PER_INSERT); i++) {
      const createdAt = now - Math.floor((i / deliveries) * span) - 1;
      rows.push({
        id: `msg_${String(i).padStart(10, "0")}`,
        event_id: eventId,
        event_type: "DOCUMENT_SIGNED",
        webhook_id: webhookIds[i % WEBHOOKS],
        user_id: userId,
        // A small backlog, like a live endpoint has.
        status: i % 1000 === 0 ? ("retrying" as const) : ("delivered" as const),
        attempt_count: ATTEMPTS_PER_DELIVERY,
        next_attempt_at: now,
        created_at: createdAt,
        updated_at: createdAt,
      });
    }
    await db.insertInto("deliveries").values(rows).execute();
  }
  for (let first = 0; first < ATTEMPTS; first += ROWS_PER_INSERT) {
    const rows = [];
    for (let i = first; i < Math.min(ATTEMPTS, first + ROWS_PER_INSERT); i++) {
      const delivery = Math.floor(i / ATTEMPTS_PER_DELIVERY);
      const succeeded = i % 10 !== 0 ? 1 : 0;
      rows.push({
        id: `att_${String(i).padStart(10, "0")}`,
        delivery_id: `msg_${String(delivery).padStart(10, "0")}`,
        webhook_id: webhookIds[delivery % WEBHOOKS],
        attempt_number: (i % ATTEMPTS_PER_DELIVERY) + 1,
        trigger: "scheduled" as const,
        request_url: "http://127.0.0.1:9/hook",
        request_headers: "{}",
        request_body: "{}",
        response_status: succeeded ? 200 : 500,
        response_headers: "{}",
        response_body: "ok",
        // A spread of latencies (5..500 ms), so the percentiles have something to sort.
        duration_ms: 5 + ((i * 7919) % 496),
        error: null,
        succeeded,
        started_at: now - Math.floor((i / ATTEMPTS) * span) - 1,
      });
    }
    await db.insertInto("delivery_attempts").values(rows).execute();
    // The engine writes the rollup with each batch of attempts; seeding must too.
    await addLoggedAttemptsToRollup(rows);
  }
  const insertSeconds = (performance.now() - started) / 1000;
  if (label === "postgres") await sql`vacuum analyze`.execute(db);
  else await sql`analyze`.execute(db);

  // One untimed run first, as a running server has: pool connections open, pages cached.
  await getWebhookHealth(userId, webhookIds[0], now);
  const times: number[] = [];
  let health: Awaited<ReturnType<typeof getWebhookHealth>> | undefined;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    health = await getWebhookHealth(userId, webhookIds[0], now);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(8)} ${ATTEMPTS.toLocaleString("en")} attempts (${isSpread ? "30 days, 10 webhooks" : "all in the 24 h window, 1 webhook"}): ` +
      `health query median ${times[2].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[4].toFixed(1)}); inserted in ${insertSeconds.toFixed(0)} s`,
  );
  console.log(
    `         window: ${health?.attempts} attempts, attempt success ${health?.attemptSuccessRate?.toFixed(3)}, p50 ${health?.p50Ms} ms, p95 ${health?.p95Ms} ms, backlog ${health?.backlog}`,
  );
  // The window's pass over the per-minute rollup, as the database plans and (Postgres) times
  // it server-side: apart from client round trips, which a loaded machine stretches.
  const windowQuery = sql`select sum(attempts), sum(attempts_ok), sum(l7), sum(l8) from webhook_minute_stats
    where webhook_id = ${webhookIds[0]} and minute > ${now - DAY - 60_000} and minute <= ${now}`;
  const plan = await sql<
    Record<string, string>
  >`${sql.raw(label === "postgres" ? "explain (analyze)" : "explain query plan")} ${windowQuery}`.execute(db);
  const planLines = plan.rows.map((row) => row["QUERY PLAN"] ?? row.detail);
  console.log(
    `         plan: ${planLines
      .filter((line) => /Index|SEARCH|SCAN|Execution Time|Aggregate|B-TREE/.test(line))
      .map((line) => line.trim())
      .join(" | ")}`,
  );
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
