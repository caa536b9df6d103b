// Bytes per delivery_attempts row after the engine delivered EVENTS bench events (~1 KB
// bodies, signed) to 10 local endpoints, on a temp SQLite file and a fresh Postgres database
// (both dropped after): the table's pages (SQLite's dbstat) or its heap and TOAST
// (pg_table_size, no indexes) divided by its rows, the average stored request_body, and on
// Postgres the WAL written while the worker drained the outbox, per attempt.
// Not a test: prints one line per database.
//   npx tsx bench/measure-attempt-size.ts [--events N]
import fs from "node:fs";
import { sql } from "kysely";
import { closeDb, getDb, getDialect } from "@/db";
import { startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { startReceiver } from "../tests/helpers/receiver";
import {
  type BenchDatabase,
  benchTempDir,
  createPgDatabase,
  createSqliteDatabase,
  fillOutbox,
  seedUserWithWebhooks,
  switchDatabase,
  waitForOutboxDrained,
} from "./bench-db";

const args = process.argv.slice(2);
const EVENTS = Number(args[args.indexOf("--events") + 1] || 0) || 1_000;
process.env.APP_ENCRYPTION_KEY ??= "docuhooks-bench-key";
process.env.WEBHOOK_ALLOW_PRIVATE = "1";

async function measure(database: BenchDatabase, urls: string[]): Promise<string> {
  await switchDatabase(database);
  const { userId, webhookIds } = await seedUserWithWebhooks(urls);
  await fillOutbox(userId, EVENTS);
  const db = getDb();
  const isPg = getDialect() === "postgres";
  // The drain's WAL, from a checkpoint, so every run starts with the same full-page writes.
  if (isPg) await sql`checkpoint`.execute(db);
  const walBefore = isPg ? (await sql<{ lsn: string }>`select pg_current_wal_lsn() as lsn`.execute(db)).rows[0].lsn : "";
  const worker = startDeliveryWorker({ pollIntervalMs: 20 });
  await waitForOutboxDrained(webhookIds, 600_000, 50);
  await worker.stop();
  const wal = isPg
    ? (await sql<{ bytes: string }>`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${walBefore}) as bytes`.execute(db)).rows[0]
        .bytes
    : undefined;
  const { rows } = await sql<{ rows: number; body: number | null }>`
    select count(*) as rows, avg(length(request_body)) as body from delivery_attempts`.execute(db);
  const tableBytes = isPg
    ? (await sql<{ bytes: string }>`select pg_table_size('delivery_attempts') as bytes`.execute(db)).rows[0].bytes
    : (await sql<{ bytes: number }>`select sum(pgsize) as bytes from dbstat where name = 'delivery_attempts'`.execute(db)).rows[0]
        .bytes;
  const count = Number(rows[0].rows);
  const line = `${database.label}: ${count} attempts, ${(Number(tableBytes) / count).toFixed(0)} table bytes/row, request_body ${Number(rows[0].body ?? 0).toFixed(0)} chars avg${wal === undefined ? "" : `, ${(Number(wal) / count).toFixed(0)} WAL bytes/attempt while draining`}`;
  await closeDb();
  return line;
}

async function main() {
  const receiver = await startReceiver({ record: false });
  const urls = Array.from({ length: 10 }, (_, i) => `${receiver.url}/hook-${i}`);
  const dir = benchTempDir();
  try {
    for (const make of [() => createSqliteDatabase(dir, "size"), () => createPgDatabase("size")]) {
      const database = await make();
      try {
        console.log(await measure(database, urls));
      } finally {
        await closeDb();
        await database.drop();
      }
    }
  } finally {
    await receiver.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
