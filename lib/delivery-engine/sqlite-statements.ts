import type BetterSqlite3 from "better-sqlite3";
import { getDb, getSqliteDatabase } from "@/db";
import { CANCELLED_STATUS_SQL } from "@/lib/delivery-engine/cancelled-status";

// The engine's SQLite statements, prepared once per connection and run directly on the
// better-sqlite3 handle: at thousands of deliveries a second, preparing a statement (or
// compiling a query) per batch costs more than running it. They run only inside
// getDb().connection().execute(), which holds Kysely's lock on the one connection, so no
// Kysely transaction of the same process can interleave with them.

export type SqliteStatements = {
  claim: BetterSqlite3.Statement;
  eventsById: BetterSqlite3.Statement;
  webhooksById: BetterSqlite3.Statement;
  insertAttempt: BetterSqlite3.Statement;
  updateDelivery: BetterSqlite3.Statement;
  releaseDelivery: BetterSqlite3.Statement;
  cancelDelivery: BetterSqlite3.Statement;
  disableGoneWebhook: BetterSqlite3.Statement;
};

const prepared = new WeakMap<BetterSqlite3.Database, SqliteStatements>();

function prepare(raw: BetterSqlite3.Database): SqliteStatements {
  // Only while the lease is ours: a row another worker claimed since is left alone.
  const mine = "id = @id and locked_until = @lease";
  return {
    // A single UPDATE takes SQLite's write lock before it reads (BEGIN IMMEDIATE semantics),
    // so two processes on one file never claim the same row. Reads deliveries_due_idx.
    claim: raw.prepare(`
      update deliveries set locked_until = @leaseUntil
      where id in (
        select id from deliveries
        where status in ('pending', 'retrying') and next_attempt_at <= @now
          and (locked_until is null or locked_until < @now)
        order by next_attempt_at
        limit @limit
      )
      returning id, event_id, webhook_id, attempt_count, manual_attempt_count, next_trigger, resume_at`),
    eventsById: raw.prepare(
      `select id, type, payload, payload_with_tokens, created_at from events where id in (select value from json_each(?))`,
    ),
    webhooksById: raw.prepare(`
      select id, url, enabled, secret_encrypted, previous_secret_encrypted, previous_secret_expires_at,
        send_secret_header, include_recipient_tokens, custom_headers
      from webhooks where id in (select value from json_each(?))`),
    // The two statements run per delivery bind positionally (no per-row parameter object).
    insertAttempt: raw.prepare(`
      insert into delivery_attempts (id, delivery_id, webhook_id, attempt_number, trigger, request_url, request_headers,
        request_body, response_status, response_headers, response_body, duration_ms, error, succeeded, started_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    updateDelivery: raw.prepare(`
      update deliveries set status = ?, attempt_count = ?, manual_attempt_count = ?, next_attempt_at = ?,
        locked_until = null, last_status_code = ?, last_error = ?, next_trigger = null, resume_at = null, updated_at = ?
      where id = ? and locked_until = ?`),
    releaseDelivery: raw.prepare(
      `update deliveries set locked_until = null, next_attempt_at = @next_attempt_at, updated_at = @now where ${mine}`,
    ),
    cancelDelivery: raw.prepare(`
      update deliveries set status = ${CANCELLED_STATUS_SQL}, locked_until = null, last_error = @reason,
        next_trigger = null, resume_at = null, updated_at = @now where ${mine}`),
    disableGoneWebhook: raw.prepare(`
      update webhooks set enabled = 0, disabled_reason = @reason, disabled_at = @now, updated_at = @now where id = @id`),
  };
}

/** Runs `work` with the raw handle and its statements while holding the connection. */
export async function withSqliteStatements<T>(
  work: (raw: BetterSqlite3.Database, statements: SqliteStatements) => T,
): Promise<T> {
  return getDb()
    .connection()
    .execute(async () => {
      const raw = getSqliteDatabase();
      if (!raw) throw new Error("withSqliteStatements needs the SQLite dialect");
      let statements = prepared.get(raw);
      if (!statements) {
        statements = prepare(raw);
        prepared.set(raw, statements);
      }
      return work(raw, statements);
    });
}
