import { sql } from "kysely";
import { getDb, getDialect } from "@/db";

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
};

export type ClaimedDelivery = {
  id: string;
  event_id: string;
  webhook_id: string;
  attempt_count: number;
  /** How this attempt is logged: 'manual' after a Resend, 'test' for a test event. */
  trigger: "scheduled" | "manual" | "test";
  event_type: string;
  /** The stored payload JSON text: spliced into the body as is, never re-parsed. */
  payload: string;
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
  next_trigger: "manual" | "test" | null;
  event_type: string;
  payload: string;
  event_created_at: number;
  url: string | null;
  enabled: number | null;
  secret_encrypted: string | null;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: number | null;
};

export async function claimDueDeliveries(limit: number, leaseMs: number, now = Date.now()): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const leaseUntil = now + leaseMs;
  const rows = getDialect() === "postgres" ? await claimPostgres(limit, leaseUntil, now) : await claimSqlite(limit, leaseUntil, now);
  return rows.map((row) => ({
    id: row.id,
    event_id: row.event_id,
    webhook_id: row.webhook_id,
    attempt_count: Number(row.attempt_count),
    trigger: row.next_trigger ?? "scheduled",
    event_type: row.event_type,
    payload: row.payload,
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
          },
    lease_until: leaseUntil,
  }));
}

/** A ClaimRow: the delivery (aliased `d`), its event `e` and its webhook `w`. */
function claimColumns(d: "c" | "d") {
  return sql.raw(`${d}.id, ${d}.event_id, ${d}.webhook_id, ${d}.attempt_count, ${d}.next_trigger,
    e.type as event_type, e.payload, e.created_at as event_created_at,
    w.url, w.enabled, w.secret_encrypted, w.previous_secret_encrypted, w.previous_secret_expires_at`);
}

/** Due, unfinished, unleased rows, oldest due first: the partial index deliveries_due_idx. */
function dueIds(limit: number, now: number, skipLocked: boolean) {
  return sql`select id from deliveries
    where status in ('pending', 'retrying') and next_attempt_at <= ${now}
      and (locked_until is null or locked_until < ${now})
    order by next_attempt_at
    limit ${limit}${skipLocked ? sql` for update skip locked` : sql``}`;
}

async function claimPostgres(limit: number, leaseUntil: number, now: number): Promise<ClaimRow[]> {
  // One round trip: SKIP LOCKED lets N workers claim disjoint batches without waiting.
  const { rows } = await sql<ClaimRow>`
    with claimed as (
      update deliveries set locked_until = ${leaseUntil}
      where id in (${dueIds(limit, now, true)})
      returning id, event_id, webhook_id, attempt_count, next_trigger
    )
    select ${claimColumns("c")}
    from claimed c
    join events e on e.id = c.event_id
    left join webhooks w on w.id = c.webhook_id
  `.execute(getDb());
  return rows;
}

async function claimSqlite(limit: number, leaseUntil: number, now: number): Promise<ClaimRow[]> {
  const db = getDb();
  // A single UPDATE takes SQLite's write lock before it reads (BEGIN IMMEDIATE semantics),
  // so two processes on one file never claim the same row.
  const { rows: claimed } = await sql<{ id: string }>`
    update deliveries set locked_until = ${leaseUntil}
    where id in (${dueIds(limit, now, false)})
    returning id
  `.execute(db);
  if (claimed.length === 0) return [];
  const ids = JSON.stringify(claimed.map((row) => row.id));
  const { rows } = await sql<ClaimRow>`
    select ${claimColumns("d")}
    from json_each(${ids}) j
    join deliveries d on d.id = j.value
    join events e on e.id = d.event_id
    left join webhooks w on w.id = d.webhook_id
  `.execute(db);
  return rows;
}
