import { CompiledQuery, type Transaction } from "kysely";
import { getDb, getDialect, getSqliteDatabase } from "@/db";
import type { Database, DeliveryStatus } from "@/db/types";

// Per-webhook, per-minute attempt counts, a fixed latency histogram and the deliveries that
// reached Delivered or Failed, kept in step with delivery_attempts and deliveries (the same
// transaction writes all three), so the health strip and the charts read at most 1,440 small
// rows per webhook and day however many attempts the day held.

export const MINUTE_MS = 60_000;

/** Upper bounds (ms, inclusive) of the latency buckets l0..l15; l15 holds everything slower. */
export const LATENCY_BUCKET_BOUNDS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 30_000] as const;
export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length + 1;
export const LATENCY_COLUMNS = Array.from({ length: LATENCY_BUCKET_COUNT }, (_, i) => `l${i}` as const);

export type RollupAttempt = { webhook_id: string; started_at: number; duration_ms: number | null; succeeded: number };

/** A delivery the engine moved to `status` at `at`; only Delivered and Failed are counted. */
export type RollupOutcome = { webhook_id: string; status: DeliveryStatus; at: number };

export function latencyBucket(durationMs: number): number {
  const index = LATENCY_BUCKET_BOUNDS_MS.findIndex((bound) => durationMs <= bound);
  return index === -1 ? LATENCY_BUCKET_COUNT - 1 : index;
}

/** Summed l0..l15 columns as (duration, count) pairs; the top bucket (slower than 30 s) reads as 30 s. */
export function latencyHistogram(sums: Record<string, unknown>): { durationMs: number; count: number }[] {
  return LATENCY_COLUMNS.map((name, i) => ({
    durationMs: LATENCY_BUCKET_BOUNDS_MS[i] ?? LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 1],
    count: Number(sums[name] ?? 0),
  }));
}

/** SQL for the bucket index of `duration_ms`, the same boundaries as latencyBucket (for backfill). */
export function latencyBucketSumsSql(column = "duration_ms"): string {
  return LATENCY_COLUMNS.map((name, i) => {
    const upper = LATENCY_BUCKET_BOUNDS_MS[i];
    const lower = i === 0 ? null : LATENCY_BUCKET_BOUNDS_MS[i - 1];
    const conditions = [
      lower === null ? null : `coalesce(${column}, 0) > ${lower}`,
      upper === undefined ? null : `coalesce(${column}, 0) <= ${upper}`,
    ]
      .filter(Boolean)
      .join(" and ");
    return `sum(case when ${conditions} then 1 else 0 end) as ${name}`;
  }).join(", ");
}

type Row = {
  webhookId: string;
  minute: number;
  attempts: number;
  ok: number;
  delivered: number;
  failed: number;
  latency: number[];
};

function aggregate(attempts: RollupAttempt[], outcomes: RollupOutcome[]): Row[] {
  const rows = new Map<string, Row>();
  const rowAt = (webhookId: string, at: number) => {
    const minute = Math.floor(Number(at) / MINUTE_MS) * MINUTE_MS;
    const key = `${webhookId}\u0000${minute}`;
    let row = rows.get(key);
    if (!row) {
      row = { webhookId, minute, attempts: 0, ok: 0, delivered: 0, failed: 0, latency: new Array(LATENCY_BUCKET_COUNT).fill(0) };
      rows.set(key, row);
    }
    return row;
  };
  for (const a of attempts) {
    const row = rowAt(a.webhook_id, a.started_at);
    row.attempts++;
    row.ok += a.succeeded ? 1 : 0;
    row.latency[latencyBucket(Number(a.duration_ms ?? 0))]++;
  }
  for (const outcome of outcomes) {
    if (outcome.status === "delivered") rowAt(outcome.webhook_id, outcome.at).delivered++;
    else if (outcome.status === "failed") rowAt(outcome.webhook_id, outcome.at).failed++;
  }
  return [...rows.values()].sort((a, b) =>
    a.webhookId === b.webhookId ? a.minute - b.minute : a.webhookId < b.webhookId ? -1 : 1,
  );
}

const COLUMNS = ["webhook_id", "minute", "attempts", "attempts_ok", "delivered", "failed", ...LATENCY_COLUMNS];
const UPSERT_TAIL = `on conflict (webhook_id, minute) do update set ${COLUMNS.slice(2)
  .map((name) => `${name} = webhook_minute_stats.${name} + excluded.${name}`)
  .join(", ")}`;

function rowValues(row: Row): unknown[] {
  return [row.webhookId, row.minute, row.attempts, row.ok, row.delivered, row.failed, ...row.latency];
}

/** A synchronous SQLite connection (better-sqlite3), inside the caller's transaction. */
type SqliteRaw = { prepare(sql: string): { run(...params: unknown[]): unknown } };
const sqliteStatements = new WeakMap<object, { run(...params: unknown[]): unknown }>();

/** Adds the attempts and outcomes to the rollup inside the caller's SQLite transaction
 *  (better-sqlite3, synchronous): one cached statement, run once per webhook and minute. */
export function addAttemptsToRollupSqlite(raw: SqliteRaw, attempts: RollupAttempt[], outcomes: RollupOutcome[] = []): void {
  let statement = sqliteStatements.get(raw);
  if (!statement) {
    statement = raw.prepare(
      `insert into webhook_minute_stats (${COLUMNS.join(", ")}) values (${COLUMNS.map(() => "?").join(", ")}) ${UPSERT_TAIL}`,
    );
    sqliteStatements.set(raw, statement);
  }
  for (const row of aggregate(attempts, outcomes)) statement.run(...rowValues(row));
}

/** The same inside the caller's Postgres transaction: one multi-row upsert per chunk. */
export async function addAttemptsToRollupPg(
  trx: Transaction<Database>,
  attempts: RollupAttempt[],
  outcomes: RollupOutcome[] = [],
): Promise<void> {
  const rows = aggregate(attempts, outcomes);
  const perChunk = Math.floor(30_000 / COLUMNS.length);
  for (let start = 0; start < rows.length; start += perChunk) {
    const params: unknown[] = [];
    const tuples = rows.slice(start, start + perChunk).map((row) => {
      const slots = rowValues(row).map((value, i) => {
        params.push(value);
        return i === 0 ? `$${params.length}::text` : i === 1 ? `$${params.length}::bigint` : `$${params.length}::int`;
      });
      return `(${slots.join(",")})`;
    });
    // Sorted by key, so two workers upserting the same minutes lock them in the same order.
    await trx.executeQuery(
      CompiledQuery.raw(
        `insert into webhook_minute_stats (${COLUMNS.join(", ")}) values ${tuples.join(",")} ${UPSERT_TAIL}`,
        params,
      ),
    );
  }
}

/**
 * Adds attempts and outcomes logged by something other than the engine (test and e2e
 * fixtures, the bench's bulk seeding) to the rollup, in a transaction of its own.
 */
export async function addLoggedAttemptsToRollup(attempts: RollupAttempt[], outcomes: RollupOutcome[] = []): Promise<void> {
  if (getDialect() === "sqlite") {
    const raw = getSqliteDatabase();
    if (!raw) throw new Error("No SQLite connection");
    raw.transaction(() => addAttemptsToRollupSqlite(raw, attempts, outcomes)).immediate();
    return;
  }
  await getDb()
    .transaction()
    .execute((trx) => addAttemptsToRollupPg(trx, attempts, outcomes));
}
