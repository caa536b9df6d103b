// Times the delivery log filtered by a rare event type (lib/delivery-log/list-deliveries.ts)
// on one webhook holding ROWS deliveries, 1 in 50,000 of them of the rare type, on a temp
// SQLite file and a fresh Postgres database (both dropped after). "before" is the query as it
// was before deliveries had an event_type column (a join with events, filtered on e.type,
// walking the webhook's log index); "after" is listDeliveries. Not a test: prints figures
// (median of 5) and each query's plan.
//   npx tsx bench/measure-event-filter.ts [--rows N]
import { CompiledQuery, sql } from "kysely";
import { getDb, getDialect } from "@/db";
import { deliveryPageQuery, listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { ZListDeliveriesQuerySchema } from "@/lib/validation/deliveries";
import {
  type BenchDatabase,
  benchTempDir,
  createPgDatabase,
  createSqliteDatabase,
  seedUserWithWebhooks,
  switchDatabase,
} from "./bench-db";
import { median } from "./table";

const args = process.argv.slice(2);
const ROWS = Number(args[args.indexOf("--rows") + 1] || 0) || 1_000_000;
const RARE_EVERY = 50_000;
const BATCH = 100_000;

async function fill(userId: string, webhookId: string): Promise<void> {
  const db = getDb();
  const now = Date.now();
  const base = sql`cast(${now - ROWS} as bigint)`;
  for (let from = 1; from <= ROWS; from += BATCH) {
    const to = Math.min(ROWS, from + BATCH - 1);
    const series = sql`with recursive s(g) as (select cast(${from} as integer) union all select g + 1 from s where g < ${to})`;
    const type = sql`case when g % ${RARE_EVERY} = 0 then 'DOCUMENT_REJECTED' else 'DOCUMENT_SIGNED' end`;
    await sql`${series} insert into events (id, user_id, type, payload, idempotency_key, created_at)
      select 'evt_' || g, ${userId}, ${type}, '{}', null, ${base} + g from s`.execute(db);
    await sql`${series} insert into deliveries (id, event_id, event_type, webhook_id, user_id, status, attempt_count,
        next_attempt_at, created_at, updated_at)
      select 'msg_' || g, 'evt_' || g, ${type}, ${webhookId}, ${userId}, 'delivered', 1,
        cast(${now} as bigint), ${base} + g, ${base} + g from s`.execute(db);
  }
  await sql`analyze`.execute(db);
}

/** The page query as it was before the column: events joined in, the type filtered there. */
function beforeQuery(userId: string, webhookId: string) {
  return getDb()
    .selectFrom("deliveries as d")
    .innerJoin("events as e", "e.id", "d.event_id")
    .select(["d.id", "d.event_id", "e.type", "d.status", "d.created_at"])
    .where("d.webhook_id", "=", webhookId)
    .where("d.user_id", "=", userId)
    .where("e.type", "in", ["DOCUMENT_REJECTED"])
    .orderBy("d.created_at", "desc")
    .orderBy("d.id", "desc")
    .limit(26);
}

async function timeIt(run: () => Promise<unknown>): Promise<number> {
  await run(); // pages cached, statements prepared, as on a running server
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function planOf(compiled: CompiledQuery): Promise<string> {
  const isPg = getDialect() === "postgres";
  const plan = await getDb().executeQuery<Record<string, string>>(
    CompiledQuery.raw(`${isPg ? "explain" : "explain query plan"} ${compiled.sql}`, [...compiled.parameters]),
  );
  return plan.rows
    .map((row) => (row["QUERY PLAN"] ?? row.detail).trim())
    .filter((line) => /Index|SEARCH|SCAN|Sort|Seq|B-TREE|Join|Loop/.test(line))
    .join(" | ");
}

async function measure(db: BenchDatabase): Promise<void> {
  await switchDatabase(db);
  const { userId, webhookIds } = await seedUserWithWebhooks(["http://127.0.0.1:9/hook"]);
  const webhookId = webhookIds[0];
  const started = performance.now();
  await fill(userId, webhookId);
  const loadSeconds = (performance.now() - started) / 1000;
  const query = ZListDeliveriesQuerySchema.parse({ events: ["document.rejected"] });
  const page = await listDeliveries(userId, webhookId, query);
  const before = await timeIt(() => beforeQuery(userId, webhookId).execute());
  const after = await timeIt(() => listDeliveries(userId, webhookId, query));
  console.log(
    `${db.label.padEnd(8)} ${ROWS.toLocaleString("en-US")} deliveries, ${page?.rows.length} of the rare type (loaded in ${loadSeconds.toFixed(0)} s): ` +
      `rare-event page before ${before.toFixed(1)} ms, after ${after.toFixed(2)} ms (median of 5)`,
  );
  console.log(`         before: ${await planOf(beforeQuery(userId, webhookId).compile())}`);
  console.log(`         after:  ${await planOf(deliveryPageQuery(userId, webhookId, query).compile())}`);
}

async function main(): Promise<void> {
  const tempDir = benchTempDir();
  process.env.DATA_DIR = tempDir;
  const sqlite = await createSqliteDatabase(tempDir, "event-filter");
  const postgres = await createPgDatabase("event_filter");
  try {
    await measure(sqlite);
    await measure(postgres);
  } finally {
    const { closeDb } = await import("@/db");
    await closeDb();
    await postgres.drop();
    await sqlite.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
