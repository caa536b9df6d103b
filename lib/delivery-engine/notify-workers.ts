import { sql } from "kysely";
import { getDb, getDialect } from "@/db";
import { DELIVERY_CHANNEL, signalNewDeliveries } from "@/lib/delivery-engine/wake";

/**
 * Wakes workers after committed requeues: this process's worker by the in-process signal,
 * standalone workers on Postgres by NOTIFY (record-event.ts does the same inside its
 * transaction). Polling would find the rows anyway; this makes "Resend" immediate.
 */
export async function notifyWorkers(): Promise<void> {
  signalNewDeliveries();
  if (getDialect() === "postgres") await sql`select pg_notify(${DELIVERY_CHANNEL}, '')`.execute(getDb());
}
