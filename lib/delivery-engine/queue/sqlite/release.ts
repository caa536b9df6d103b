import type { DeliveryRelease } from "@/lib/delivery-engine/queue/queue";
import { runPerRow, type SqliteHandle } from "@/lib/delivery-engine/queue/sqlite/statements";

// Handed back unattempted (no attempt counted), due at next_attempt_at, only while the lease is ours.
const RELEASE =
  "update deliveries set locked_until = null, next_attempt_at = ?, updated_at = ? where id = ? and locked_until = ?";

/** Runs inside settle's transaction. */
export function releaseSqlite(handle: SqliteHandle, rows: DeliveryRelease[], now: number): void {
  runPerRow(handle, RELEASE, rows, (r) => [r.next_attempt_at, now, r.id, r.lease]);
}
