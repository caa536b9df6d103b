import { CANCELLED_STATUS_SQL } from "@/lib/delivery-engine/queue/cancelled-status";
import type { DeliveryCancel } from "@/lib/delivery-engine/queue/queue";
import type { SqliteHandle } from "@/lib/delivery-engine/queue/sqlite/statements";
import type { RollupOutcome } from "@/lib/delivery-log/rollup";

// Not sent, its webhook disabled: Cancelled or Failed (cancelled-status.ts), only while the lease is ours.
const CANCEL = `
  update deliveries set status = ${CANCELLED_STATUS_SQL}, locked_until = null, last_error = ?,
    next_trigger = null, resume_at = null, updated_at = ? where id = ? and locked_until = ? returning webhook_id, status`;

/** Runs inside settle's transaction; answers the rows it moved, for the rollup (a Failed one counts). */
export function cancelSqlite({ statement }: SqliteHandle, rows: DeliveryCancel[], now: number): RollupOutcome[] {
  const moved: RollupOutcome[] = [];
  if (rows.length === 0) return moved;
  const update = statement(CANCEL);
  for (const c of rows) {
    const row = update.get(c.reason, now, c.id, c.lease) as Omit<RollupOutcome, "at"> | undefined;
    if (row) moved.push({ ...row, at: now });
  }
  return moved;
}
