import type { Transaction } from "kysely";
import type { Database } from "@/db/types";
import { type Columns, updateOwnedDeliveries } from "@/lib/delivery-engine/queue/postgres/values";
import type { DeliveryRelease } from "@/lib/delivery-engine/queue/queue";

const COLUMNS: Columns<DeliveryRelease> = [
  ["id", "text"],
  ["lease", "bigint"],
  ["next_attempt_at", "bigint"],
];

/** Handed back unattempted (no attempt counted), due at next_attempt_at, inside settle's transaction. */
export async function releasePostgres(trx: Transaction<Database>, rows: DeliveryRelease[], at: number): Promise<void> {
  await updateOwnedDeliveries(trx, rows, COLUMNS, `locked_until = null, next_attempt_at = v.next_attempt_at, updated_at = ${at}`);
}
