import fs from "node:fs";
import path from "node:path";
import { CompiledQuery, type Driver, Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import { databaseUrl, isPostgresUrl } from "@/lib/config";
import { log } from "@/lib/log";
import { migrations } from "./migrations";
import type { Database } from "./types";
import { classifyDatabaseError, reportingAvailability } from "./unavailable";

export type Db = Kysely<Database>;
export type DialectName = "sqlite" | "postgres";

type Handle = {
  db: Db;
  /** Postgres: the delivery engine's own pool, opened on first use (see getEngineDb). */
  engineDb?: Db;
  dialect: DialectName;
  url: string;
  sqlite?: import("better-sqlite3").Database;
};

/**
 * SQLite transactions that take the write lock when they begin. Kysely begins DEFERRED: a
 * transaction that reads and then writes (the idempotency check, the webhook cap) holds a
 * read snapshot, and when another process (a standalone worker on the same file) commits in
 * between, its first write fails at once with SQLITE_BUSY_SNAPSHOT, which busy_timeout
 * cannot wait out. BEGIN IMMEDIATE waits for the lock up front instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    return reportingAvailability(driver);
  }
}

class AvailabilityReportingPostgresDialect extends PostgresDialect {
  createDriver(): Driver {
    return reportingAvailability(super.createDriver());
  }
}

/** Milliseconds from an env variable, or the default; 0 turns the timeout off. */
function msFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

// Kept on globalThis so Next's dev reloads and route bundles share one pool per process.
const globalHandle = globalThis as unknown as { __docuhooksDb?: Handle };

function openSqlite(file: string): Handle {
  // Required lazily: `next build` imports this module and must not need the native driver.
  const BetterSqlite3 = require("better-sqlite3") as typeof import("better-sqlite3");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  // Web process and standalone workers share the file: wait for the write lock, don't fail.
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", url: file, sqlite };
}

function openPostgres(url: string): Handle {
  return { db: openPostgresPool(url, Number(process.env.PG_POOL_MAX ?? 10)), dialect: "postgres", url };
}

/**
 * `asyncCommit`: the pool's sessions commit without waiting for their WAL to reach disk
 * (synchronous_commit = off). Only for writes that at-least-once delivery already covers if a
 * server crash loses them: the engine's claims and results (docs/decisions.md).
 */
function openPostgresPool(url: string, max: number, { asyncCommit = false } = {}): Db {
  const pg = require("pg") as typeof import("pg");
  // bigint columns hold unix-ms times: well inside Number's exact range.
  pg.types.setTypeParser(20, (value: string) => Number(value));
  // Nothing waits on an unreachable server past a timeout: a connection gives up after
  // PG_CONNECT_TIMEOUT_MS (a pool queue included), a statement after PG_STATEMENT_TIMEOUT_MS
  // on the server, and a query whose answer never arrives (a dead network) a little later on
  // the client. Each ends as a 503 for the caller (db/unavailable.ts).
  const statementTimeout = msFromEnv("PG_STATEMENT_TIMEOUT_MS", 30_000);
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: msFromEnv("PG_CONNECT_TIMEOUT_MS", 5_000),
    statement_timeout: statementTimeout || undefined,
    query_timeout: statementTimeout ? statementTimeout + 5_000 : undefined,
    keepAlive: true,
    options: asyncCommit ? "-c synchronous_commit=off" : undefined,
  });
  // An idle client whose connection the server ended (a restart, a failover,
  // pg_terminate_backend) emits 'error' on the pool; without a listener that event kills the
  // process. The pool drops such a client and opens a new one on the next query, so a line
  // in the log is all this needs. The message names the cause (e.g. 57P01), never a value.
  pool.on("error", (error: Error & { code?: string }) => {
    log.warn({ code: error.code, reason: error.message }, "database: an idle connection was closed; the pool opens a new one");
  });
  // A client checked out of the pool has no listener of the pool's: a connection lost in the
  // middle of a transaction would emit 'error' unheard and end the process. The same error
  // rejects the query that was running, which is where it is handled.
  pool.on("connect", (client) => client.on("error", () => {}));
  return new Kysely<Database>({ dialect: new AvailabilityReportingPostgresDialect({ pool }) });
}

function handle(): Handle {
  const url = databaseUrl();
  const current = globalHandle.__docuhooksDb;
  if (current && current.url === url) return current;
  let opened: Handle;
  try {
    opened = isPostgresUrl(url) ? openPostgres(url) : openSqlite(url);
  } catch (error) {
    // SQLITE_CANTOPEN (a missing or unreadable volume) is an outage like a stopped server.
    throw classifyDatabaseError("database open", error);
  }
  globalHandle.__docuhooksDb = opened;
  return opened;
}

/** The process's Kysely instance, opened on first use (never at import time). */
export function getDb(): Db {
  return handle().db;
}

/**
 * The delivery engine's Kysely instance: on Postgres a pool of its own (PG_ENGINE_POOL_MAX,
 * 4), so a worker's claims and result writes never keep ingestion and pages waiting for a
 * connection, nor they the worker, and they commit without waiting for the disk; on SQLite
 * the one connection of getDb().
 */
export function getEngineDb(): Db {
  const current = handle();
  if (current.dialect !== "postgres") return current.db;
  current.engineDb ??= openPostgresPool(current.url, Number(process.env.PG_ENGINE_POOL_MAX ?? 4), { asyncCommit: true });
  return current.engineDb;
}

export function getDialect(): DialectName {
  return handle().dialect;
}

/**
 * The better-sqlite3 handle behind getDb() on SQLite, undefined on Postgres. Only for hot
 * paths that need cached prepared statements, and only inside getDb().connection().execute(),
 * which holds Kysely's lock on the single connection so no Kysely transaction interleaves.
 */
export function getSqliteDatabase(): import("better-sqlite3").Database | undefined {
  return handle().sqlite;
}

export async function closeDb(): Promise<void> {
  const current = globalHandle.__docuhooksDb;
  globalHandle.__docuhooksDb = undefined;
  if (current) await Promise.all([current.db.destroy(), current.engineDb?.destroy()]);
}

export async function migrateToLatest(db: Db = getDb()): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === "Error") log.error({ migration: result.migrationName }, "migration failed");
  }
  if (error) throw error;
}
