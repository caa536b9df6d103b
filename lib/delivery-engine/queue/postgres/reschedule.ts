import type { Transaction } from "kysely";
import type { Database } from "@/db/types";
import { ATTEMPTED_COLUMNS, type Columns, updateOwnedDeliveries } from "@/lib/delivery-engine/queue/postgres/values";
import type { RescheduledDelivery } from "@/lib/delivery-engine/queue/queue";

const COLUMNS: Columns<RescheduledDelivery> = [...ATTEMPTED_COLUMNS, ["next_attempt_at", "bigint"]];

/**
 * Retrying at next_attempt_at, inside settle's transaction. A manual attempt's saved schedule
 * (resume_at) is used up: the worker passed it as next_attempt_at. The rollup does not count it.
 */
export async function reschedulePostgres(trx: Transaction<Database>, rows: RescheduledDelivery[], at: number): Promise<void> {
  await updateOwnedDeliveries(
    trx,
    rows,
    COLUMNS,
    `status = 'retrying', attempt_count = v.attempt_count, manual_attempt_count = v.manual_attempt_count,
      next_attempt_at = v.next_attempt_at, locked_until = null, last_status_code = v.last_status_code,
      last_error = v.last_error, next_trigger = null, resume_at = null, updated_at = ${at}`,
  );
}
