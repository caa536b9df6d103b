import { type Kysely, sql } from "kysely";
import type { Database } from "@/db/types";
import { insertDeliveries } from "@/lib/delivery-engine/queue/insert-deliveries";
import { DELIVERY_CHANNEL } from "@/lib/delivery-engine/queue/postgres/wake";
import type { NewDelivery } from "@/lib/delivery-engine/queue/queue";

/**
 * The outbox rows and a NOTIFY in the caller's transaction: Postgres delivers the notification
 * to listening workers in other processes when (and only if) it commits.
 */
export async function enqueuePostgres(trx: Kysely<Database>, rows: NewDelivery[]): Promise<void> {
  if (rows.length === 0) return;
  await insertDeliveries(trx, rows);
  await sql`select pg_notify(${DELIVERY_CHANNEL}, '')`.execute(trx);
}
