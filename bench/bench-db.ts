// Databases for the bench: a temp SQLite file or a fresh Postgres database (dropped after),
// migrated with the product's migrations, and an outbox filled in bulk. Bulk SQL is fine for
// setup: the figure is how fast the engine drains it, not how fast rows are written here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { closeDb, getDb, getDialect, migrateToLatest } from "@/db";
import { encryptSecret } from "@/lib/crypto/encryption";
import { BENCH_EVENT, BENCH_SECRET, benchDocument } from "./fixtures";

export type BenchDatabase = { url: string; label: "sqlite" | "postgres"; drop(): Promise<void> };

/** Read when used: --pg-statements points it at a cluster of the bench's own. */
function pgAdminUrl(): string {
  return process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export async function createSqliteDatabase(dir: string, name: string): Promise<BenchDatabase> {
  const file = path.join(dir, `${name}.db`);
  return {
    url: file,
    label: "sqlite",
    drop: async () => {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function createPgDatabase(name: string): Promise<BenchDatabase> {
  const dbName = `docuhooks_bench_${process.pid}_${name}`;
  await adminQuery(`CREATE DATABASE ${dbName}`);
  const url = new URL(pgAdminUrl());
  url.pathname = `/${dbName}`;
  return { url: url.toString(), label: "postgres", drop: () => adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`) };
}

/** Points this process's getDb() at the database and migrates it. */
export async function switchDatabase(db: BenchDatabase): Promise<void> {
  await closeDb();
  process.env.DATABASE_URL = db.url;
  await migrateToLatest();
}

export function benchTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "docuhooks-bench-"));
}

/** One user with one enabled webhook per URL, all subscribed to BENCH_EVENT and signed with BENCH_SECRET. */
export async function seedUserWithWebhooks(urls: string[]): Promise<{ userId: string; webhookIds: string[] }> {
  const db = getDb();
  const now = Date.now();
  const userId = `usr_bench_${Math.random().toString(36).slice(2, 10)}`;
  await db
    .insertInto("users")
    .values({ id: userId, email: `${userId}@bench.local`, name: "Bench", password_hash: "x", created_at: now })
    .execute();
  const secret = encryptSecret(BENCH_SECRET);
  const webhookIds = urls.map((_, i) => `wh_${userId.slice(10)}_${i}`);
  await db
    .insertInto("webhooks")
    .values(
      urls.map((url, i) => ({
        id: webhookIds[i],
        user_id: userId,
        url,
        events: JSON.stringify([BENCH_EVENT]),
        secret_encrypted: secret,
        previous_secret_encrypted: null,
        previous_secret_expires_at: null,
        enabled: 1,
        disabled_reason: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  return { userId, webhookIds };
}

/**
 * Writes `eventCount` events and one pending delivery per event x enabled webhook of the user,
 * as server-side bulk statements over a generated series (the same SQL on both dialects), then
 * refreshes planner statistics as autovacuum would after a load this size.
 */
export async function fillOutbox(userId: string, eventCount: number, batch = 100_000): Promise<void> {
  const db = getDb();
  const now = Date.now();
  const payload = JSON.stringify(benchDocument(1));
  const prefix = `evt_${Math.random().toString(36).slice(2, 8)}_`;
  for (let from = 1; from <= eventCount; from += batch) {
    const to = Math.min(eventCount, from + batch - 1);
    const series = sql`with recursive s(g) as (select cast(${from} as integer) union all select g + 1 from s where g < ${to})`;
    await sql`${series} insert into events (id, user_id, type, payload, idempotency_key, created_at)
      select ${prefix} || g, ${userId}, ${BENCH_EVENT}, ${payload}, null, ${now} from s`.execute(db);
    await sql`${series} insert into deliveries (id, event_id, event_type, webhook_id, user_id, status, attempt_count,
        next_attempt_at, locked_until, last_status_code, last_error, created_at, updated_at)
      select 'msg_' || ${prefix} || g || '_' || w.id, ${prefix} || g, ${BENCH_EVENT}, w.id, ${userId}, 'pending', 0,
        ${now}, null, null, null, ${now}, ${now}
      from s cross join webhooks w
      where w.user_id = ${userId} and w.enabled = 1`.execute(db);
  }
  if (getDialect() === "postgres") await sql`analyze`.execute(db);
}

/** Empties the outbox and the attempt log between runs of one figure. */
export async function clearOutbox(): Promise<void> {
  const db = getDb();
  await db.deleteFrom("delivery_attempts").execute();
  await db.deleteFrom("deliveries").execute();
  await db.deleteFrom("events").execute();
}

/** Polls until no delivery of these webhooks is pending or retrying (all finished and logged). */
export async function waitForOutboxDrained(webhookIds: string[], timeoutMs: number, everyMs = 10): Promise<void> {
  const db = getDb();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await db
      .selectFrom("deliveries")
      .select("id")
      .where("status", "in", ["pending", "retrying"])
      .where("webhook_id", "in", webhookIds)
      .limit(1)
      .executeTakeFirst();
    if (!open) return;
    if (Date.now() > deadline) throw new Error(`outbox not drained within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
