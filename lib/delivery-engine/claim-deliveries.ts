import type BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { getDb, getDialect, getEngineDb, getSqliteDatabase } from "@/db";
import { CANCELLED_STATUS_SQL } from "@/lib/delivery-engine/cancelled-status";

// Claims due deliveries in one batch with a lease (locked_until): the rows ARE the queue
// (transactional outbox). A worker that dies simply lets its leases expire, and another worker
// claims the rows again: at-least-once. The webhook is read after the claim, so an attempt
// uses the current URL and secret and a disabled or deleted webhook is seen.

export type ClaimedWebhook = {
  url: string;
  enabled: number;
  secret_encrypted: string | null;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: number | null;
  send_secret_header: number;
  include_recipient_tokens: number;
  custom_headers: string | null;
  /** Attempts a second at most, across every worker; null for none of its own. */
  rate_limit_per_second: number | null;
};

export type ClaimedDelivery = {
  id: string;
  event_id: string;
  webhook_id: string;
  /** Attempts of the automatic schedule so far; manual and test ones are counted apart. */
  attempt_count: number;
  manual_attempt_count: number;
  /** How this attempt is logged: 'manual' after a Resend, 'test' for a test event. */
  trigger: "scheduled" | "manual" | "test";
  /** For a manual or test attempt: when the schedule's next attempt is due, null if none. */
  resume_at: number | null;
  event_type: string;
  /** The stored payload JSON text: spliced into the body as is, never re-parsed. */
  payload: string;
  /** The sealed text with recipients' tokens, read only for a webhook that wants them. */
  payload_with_tokens: string | null;
  event_created_at: number;
  /** Null when the webhook was deleted after the delivery was queued. */
  webhook: ClaimedWebhook | null;
  /** The lease this claim holds; results are written only while it is still ours. */
  lease_until: number;
};

type ClaimRow = {
  id: string;
  event_id: string;
  webhook_id: string;
  attempt_count: number;
  manual_attempt_count: number;
  next_trigger: "manual" | "test" | null;
  resume_at: number | null;
  event_type: string;
  payload: string;
  payload_with_tokens: string | null;
  event_created_at: number;
  url: string | null;
  enabled: number | null;
  secret_encrypted: string | null;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: number | null;
  send_secret_header: number | null;
  include_recipient_tokens: number | null;
  custom_headers: string | null;
  rate_limit_per_second: number | null;
};

export async function claimDueDeliveries(limit: number, leaseMs: number, now = Date.now()): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const leaseUntil = now + leaseMs;
  const rows =
    getDialect() === "postgres" ? await claimPostgres(limit, leaseUntil, now) : await claimSqlite(limit, leaseUntil, now);
  return rows.map((row) => ({
    id: row.id,
    event_id: row.event_id,
    webhook_id: row.webhook_id,
    attempt_count: Number(row.attempt_count),
    manual_attempt_count: Number(row.manual_attempt_count),
    trigger: row.next_trigger ?? "scheduled",
    resume_at: row.resume_at === null ? null : Number(row.resume_at),
    event_type: row.event_type,
    payload: row.payload,
    payload_with_tokens: Number(row.include_recipient_tokens) === 1 ? row.payload_with_tokens : null,
    event_created_at: Number(row.event_created_at),
    webhook:
      row.url === null
        ? null
        : {
            url: row.url,
            enabled: Number(row.enabled),
            secret_encrypted: row.secret_encrypted,
            previous_secret_encrypted: row.previous_secret_encrypted,
            previous_secret_expires_at: row.previous_secret_expires_at === null ? null : Number(row.previous_secret_expires_at),
            send_secret_header: Number(row.send_secret_header),
            include_recipient_tokens: Number(row.include_recipient_tokens),
            custom_headers: row.custom_headers,
            rate_limit_per_second: row.rate_limit_per_second === null ? null : Number(row.rate_limit_per_second),
          },
    lease_until: leaseUntil,
  }));
}

async function claimPostgres(limit: number, leaseUntil: number, now: number): Promise<ClaimRow[]> {
  // One round trip: SKIP LOCKED lets N workers claim disjoint batches without waiting.
  const { rows } = await sql<ClaimRow>`
    with claimed as (
      update deliveries set locked_until = ${leaseUntil}
      where id in (
        select id from deliveries
        where status in ('pending', 'retrying') and next_attempt_at <= ${now}
          and (locked_until is null or locked_until < ${now})
        order by next_attempt_at
        limit ${limit}
        for update skip locked
      )
      returning id, event_id, webhook_id, attempt_count, manual_attempt_count, next_trigger, resume_at
    )
    select c.id, c.event_id, c.webhook_id, c.attempt_count, c.manual_attempt_count, c.next_trigger, c.resume_at,
      e.type as event_type, e.payload, e.created_at as event_created_at,
      case when w.include_recipient_tokens = 1 then e.payload_with_tokens end as payload_with_tokens,
      w.url, w.enabled, w.secret_encrypted, w.previous_secret_encrypted, w.previous_secret_expires_at,
      w.send_secret_header, w.include_recipient_tokens, w.custom_headers, w.rate_limit_per_second
    from claimed c
    join events e on e.id = c.event_id
    left join webhooks w on w.id = c.webhook_id
  `.execute(getEngineDb());
  return rows;
}

async function claimSqlite(limit: number, leaseUntil: number, now: number): Promise<ClaimRow[]> {
  return withSqliteStatements((_, statements) => {
    const claimed = statements.claim.all({ leaseUntil, now, limit }) as Pick<
      ClaimRow,
      "id" | "event_id" | "webhook_id" | "attempt_count" | "manual_attempt_count" | "next_trigger" | "resume_at"
    >[];
    if (claimed.length === 0) return [];
    // Fan-out puts one event in many rows: read each event and webhook once, not once per row.
    const events = statements.eventsById.all(JSON.stringify([...new Set(claimed.map((row) => row.event_id))])) as {
      id: string;
      type: string;
      payload: string;
      payload_with_tokens: string | null;
      created_at: number;
    }[];
    const webhooks = statements.webhooksById.all(
      JSON.stringify([...new Set(claimed.map((row) => row.webhook_id))]),
    ) as (ClaimedWebhook & {
      id: string;
    })[];
    const eventById = new Map(events.map((event) => [event.id, event]));
    const webhookById = new Map(webhooks.map((webhook) => [webhook.id, webhook]));
    const rows: ClaimRow[] = [];
    for (const row of claimed) {
      const event = eventById.get(row.event_id);
      if (!event) continue; // deleted with its deliveries: nothing left to send
      const webhook = webhookById.get(row.webhook_id);
      rows.push({
        ...row,
        event_type: event.type,
        payload: event.payload,
        payload_with_tokens: event.payload_with_tokens,
        event_created_at: event.created_at,
        url: webhook?.url ?? null,
        enabled: webhook?.enabled ?? null,
        secret_encrypted: webhook?.secret_encrypted ?? null,
        previous_secret_encrypted: webhook?.previous_secret_encrypted ?? null,
        previous_secret_expires_at: webhook?.previous_secret_expires_at ?? null,
        send_secret_header: webhook?.send_secret_header ?? null,
        include_recipient_tokens: webhook?.include_recipient_tokens ?? null,
        custom_headers: webhook?.custom_headers ?? null,
        rate_limit_per_second: webhook?.rate_limit_per_second ?? null,
      });
    }
    return rows;
  });
}

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
        send_secret_header, include_recipient_tokens, custom_headers, rate_limit_per_second
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
        next_trigger = null, resume_at = null, updated_at = @now where ${mine} returning webhook_id, status`),
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
