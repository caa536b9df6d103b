import type { Transaction } from "kysely";
import type { Database } from "@/db/types";
import { ATTEMPTED_COLUMNS, updateOwnedDeliveries } from "@/lib/delivery-engine/queue/postgres/values";
import type { AttemptedDelivery } from "@/lib/delivery-engine/queue/queue";
import type { RollupOutcome } from "@/lib/delivery-log/rollup";

/** Delivered, one statement per chunk, inside settle's transaction; answers what it moved, for the rollup. */
export async function completePostgres(
  trx: Transaction<Database>,
  rows: AttemptedDelivery[],
  at: number,
): Promise<RollupOutcome[]> {
  const moved = await updateOwnedDeliveries<AttemptedDelivery, { webhook_id: string }>(
    trx,
    rows,
    ATTEMPTED_COLUMNS,
    `status = 'delivered', attempt_count = v.attempt_count, manual_attempt_count = v.manual_attempt_count,
      next_attempt_at = ${at}, locked_until = null, last_status_code = v.last_status_code, last_error = null,
      next_trigger = null, resume_at = null, updated_at = ${at}`,
    "returning deliveries.webhook_id",
  );
  return moved.map((row) => ({ webhook_id: row.webhook_id, status: "delivered", at }));
}
