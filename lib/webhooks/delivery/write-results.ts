import { sql, type Transaction } from "kysely";
import { getDb, getDialect } from "@/db";
import type { Database, DeliveryAttempt, DeliveryStatus } from "@/db/types";

// Finished attempts are written in groups: one transaction logs every attempt of the group
// and moves its deliveries on. Rows travel as ONE JSON parameter (json_each on SQLite,
// json_to_recordset on Postgres), so the cost per row stays a JSON.stringify rather than a
// query build with a dozen bound values each.

/** One row of the delivery log, exactly as stored. */
export type AttemptRecord = DeliveryAttempt;

export type DeliveryUpdate = {
  id: string;
  /** The lease of the claim: a row another worker has claimed since is left alone. */
  lease: number;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: number;
  last_status_code: number | null;
  last_error: string | null;
};

/** Hands a claimed row back unattempted, due again at next_attempt_at. */
export type DeliveryRelease = { id: string; lease: number; next_attempt_at: number };

/** Not sent: its webhook was disabled or deleted after the delivery was queued. */
export type DeliveryCancel = { id: string; lease: number; reason: string };

export type ResultGroup = {
  attempts: AttemptRecord[];
  updates: DeliveryUpdate[];
  releases: DeliveryRelease[];
  cancels: DeliveryCancel[];
  /** Webhooks whose endpoint answered 410 Gone. */
  goneWebhookIds: string[];
};

export const GONE_REASON = "Endpoint returned 410 Gone";

const ATTEMPT_COLUMNS: [keyof AttemptRecord, string][] = [
  ["id", "text"],
  ["delivery_id", "text"],
  ["webhook_id", "text"],
  ["attempt_number", "int"],
  ["trigger", "text"],
  ["request_url", "text"],
  ["request_headers", "text"],
  ["request_body", "text"],
  ["response_status", "int"],
  ["response_headers", "text"],
  ["response_body", "text"],
  ["duration_ms", "int"],
  ["error", "text"],
  ["succeeded", "int"],
  ["started_at", "bigint"],
];

const columnList = sql.raw(ATTEMPT_COLUMNS.map(([name]) => name).join(", "));
const pgAttemptRecord = sql.raw(ATTEMPT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(", "));
const sqliteAttemptValues = sql.raw(ATTEMPT_COLUMNS.map(([name]) => `value ->> '${name}'`).join(", "));

export function isEmptyGroup(group: ResultGroup): boolean {
  return group.attempts.length + group.updates.length + group.releases.length + group.cancels.length + group.goneWebhookIds.length === 0;
}

export async function writeResults(group: ResultGroup, now = Date.now()): Promise<void> {
  if (isEmptyGroup(group)) return;
  const isPostgres = getDialect() === "postgres";
  await getDb()
    .transaction()
    .execute(async (trx) => {
      if (group.attempts.length > 0) await insertAttempts(trx, group.attempts, isPostgres);
      if (group.updates.length > 0) await updateDeliveries(trx, group.updates, now, isPostgres);
      if (group.releases.length > 0) await releaseDeliveries(trx, group.releases, now, isPostgres);
      if (group.cancels.length > 0) await cancelDeliveries(trx, group.cancels, now, isPostgres);
      if (group.goneWebhookIds.length > 0) {
        await trx
          .updateTable("webhooks")
          .set({ enabled: 0, disabled_reason: GONE_REASON, disabled_at: now, updated_at: now })
          .where("id", "in", [...new Set(group.goneWebhookIds)])
          .execute();
      }
    });
}

async function insertAttempts(trx: Transaction<Database>, attempts: AttemptRecord[], isPostgres: boolean) {
  const json = JSON.stringify(attempts);
  if (isPostgres) {
    await sql`insert into delivery_attempts (${columnList})
      select ${columnList} from json_to_recordset(${json}::json) as r(${pgAttemptRecord})`.execute(trx);
  } else {
    await sql`insert into delivery_attempts (${columnList}) select ${sqliteAttemptValues} from json_each(${json})`.execute(trx);
  }
}

async function updateDeliveries(trx: Transaction<Database>, updates: DeliveryUpdate[], now: number, isPostgres: boolean) {
  const json = JSON.stringify(updates);
  if (isPostgres) {
    await sql`update deliveries d set status = r.status, attempt_count = r.attempt_count,
        next_attempt_at = r.next_attempt_at, locked_until = null, last_status_code = r.last_status_code,
        last_error = r.last_error, next_trigger = null, updated_at = ${now}
      from json_to_recordset(${json}::json) as r(id text, lease bigint, status text, attempt_count int,
        next_attempt_at bigint, last_status_code int, last_error text)
      where d.id = r.id and d.locked_until = r.lease`.execute(trx);
  } else {
    await sql`update deliveries set status = j.value ->> 'status', attempt_count = j.value ->> 'attempt_count',
        next_attempt_at = j.value ->> 'next_attempt_at', locked_until = null,
        last_status_code = j.value ->> 'last_status_code', last_error = j.value ->> 'last_error', next_trigger = null,
        updated_at = ${now}
      from json_each(${json}) j
      where deliveries.id = j.value ->> 'id' and deliveries.locked_until = j.value ->> 'lease'`.execute(trx);
  }
}

async function releaseDeliveries(trx: Transaction<Database>, releases: DeliveryRelease[], now: number, isPostgres: boolean) {
  const json = JSON.stringify(releases);
  if (isPostgres) {
    await sql`update deliveries d set locked_until = null, next_attempt_at = r.next_attempt_at, updated_at = ${now}
      from json_to_recordset(${json}::json) as r(id text, lease bigint, next_attempt_at bigint)
      where d.id = r.id and d.locked_until = r.lease`.execute(trx);
  } else {
    await sql`update deliveries set locked_until = null, next_attempt_at = j.value ->> 'next_attempt_at', updated_at = ${now}
      from json_each(${json}) j
      where deliveries.id = j.value ->> 'id' and deliveries.locked_until = j.value ->> 'lease'`.execute(trx);
  }
}

async function cancelDeliveries(trx: Transaction<Database>, cancels: DeliveryCancel[], now: number, isPostgres: boolean) {
  const json = JSON.stringify(cancels);
  if (isPostgres) {
    await sql`update deliveries d set status = 'cancelled', locked_until = null, last_error = r.reason, updated_at = ${now}
      from json_to_recordset(${json}::json) as r(id text, lease bigint, reason text)
      where d.id = r.id and d.locked_until = r.lease`.execute(trx);
  } else {
    await sql`update deliveries set status = 'cancelled', locked_until = null, last_error = j.value ->> 'reason', updated_at = ${now}
      from json_each(${json}) j
      where deliveries.id = j.value ->> 'id' and deliveries.locked_until = j.value ->> 'lease'`.execute(trx);
  }
}
