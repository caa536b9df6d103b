import type { Kysely } from "kysely";
import type { Database } from "@/db/types";
import { insertDeliveries } from "@/lib/delivery-engine/queue/insert-deliveries";
import { notifyOtherProcesses } from "@/lib/delivery-engine/queue/postgres/wake";
import type { NewDelivery } from "@/lib/delivery-engine/queue/queue";

/**
 * The outbox rows and a NOTIFY in the caller's transaction: Postgres delivers the notification
 * to listening workers in other processes when (and only if) it commits.
 */
export async function enqueuePostgres(trx: Kysely<Database>, rows: NewDelivery[]): Promise<void> {
  if (rows.length === 0) return;
  await insertDeliveries(trx, rows);
  await notifyOtherProcesses(trx);
}
