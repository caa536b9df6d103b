import type { Transaction } from "kysely";
import type { Database, DeliveryStatus } from "@/db/types";
import { CANCELLED_STATUS_SQL } from "@/lib/delivery-engine/queue/cancelled-status";
import { type Columns, updateOwnedDeliveries } from "@/lib/delivery-engine/queue/postgres/values";
import type { DeliveryCancel } from "@/lib/delivery-engine/queue/queue";
import type { RollupOutcome } from "@/lib/delivery-log/rollup";

const COLUMNS: Columns<DeliveryCancel> = [
  ["id", "text"],
  ["lease", "bigint"],
  ["reason", "text"],
];

/**
 * Not sent, its webhook disabled: Cancelled or Failed (cancelled-status.ts), inside settle's
 * transaction; answers what it moved, for the rollup (a Failed one counts).
 */
export async function cancelPostgres(trx: Transaction<Database>, rows: DeliveryCancel[], at: number): Promise<RollupOutcome[]> {
  const moved = await updateOwnedDeliveries<DeliveryCancel, { webhook_id: string; status: DeliveryStatus }>(
    trx,
    rows,
    COLUMNS,
    `status = ${CANCELLED_STATUS_SQL}, locked_until = null, last_error = v.reason, next_trigger = null,
      resume_at = null, updated_at = ${at}`,
    "returning deliveries.webhook_id, deliveries.status",
  );
  return moved.map((row) => ({ ...row, at }));
}
