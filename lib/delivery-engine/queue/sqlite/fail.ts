import type { AttemptedDelivery } from "@/lib/delivery-engine/queue/queue";
import { runPerRow, type SqliteHandle } from "@/lib/delivery-engine/queue/sqlite/statements";
import type { RollupOutcome } from "@/lib/delivery-log/rollup";

// Failed for good, only while the lease is ours.
const FAIL = `
  update deliveries set status = 'failed', attempt_count = ?, manual_attempt_count = ?, next_attempt_at = ?,
    locked_until = null, last_status_code = ?, last_error = ?, next_trigger = null, resume_at = null, updated_at = ?
  where id = ? and locked_until = ?`;

/** Runs inside settle's transaction; answers the rows it moved, for the rollup. */
export function failSqlite(handle: SqliteHandle, rows: AttemptedDelivery[], now: number): RollupOutcome[] {
  return runPerRow(handle, FAIL, rows, (d) => [
    d.attempt_count,
    d.manual_attempt_count,
    now,
    d.last_status_code,
    d.last_error,
    now,
    d.id,
    d.lease,
  ]).map((d) => ({ webhook_id: d.webhook_id, status: "failed", at: now }));
}
