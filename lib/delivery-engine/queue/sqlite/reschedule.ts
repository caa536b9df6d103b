import type { RescheduledDelivery } from "@/lib/delivery-engine/queue/queue";
import { runPerRow, type SqliteHandle } from "@/lib/delivery-engine/queue/sqlite/statements";

// Retrying at next_attempt_at, only while the lease is ours. A manual attempt's saved
// schedule (resume_at) is used up: the worker passed it as next_attempt_at.
const RESCHEDULE = `
  update deliveries set status = 'retrying', attempt_count = ?, manual_attempt_count = ?, next_attempt_at = ?,
    locked_until = null, last_status_code = ?, last_error = ?, next_trigger = null, resume_at = null, updated_at = ?
  where id = ? and locked_until = ?`;

/** Runs inside settle's transaction. Retrying is not an outcome the rollup counts. */
export function rescheduleSqlite(handle: SqliteHandle, rows: RescheduledDelivery[], now: number): void {
  runPerRow(handle, RESCHEDULE, rows, (d) => [
    d.attempt_count,
    d.manual_attempt_count,
    d.next_attempt_at,
    d.last_status_code,
    d.last_error,
    now,
    d.id,
    d.lease,
  ]);
}
