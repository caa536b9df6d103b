import type { Kysely } from "kysely";
import type { Database } from "@/db/types";
import type { NewDelivery } from "@/lib/delivery-engine/queue/queue";

/** 15 columns a row: 1,000 rows stay under SQLite's 32,766 and Postgres's 65,535 parameters. */
const DELIVERY_ROWS_PER_INSERT = 1_000;

/** The outbox INSERT, the same SQL on both databases, in the caller's transaction. */
export async function insertDeliveries(trx: Kysely<Database>, rows: NewDelivery[]): Promise<void> {
  for (let from = 0; from < rows.length; from += DELIVERY_ROWS_PER_INSERT) {
    await trx
      .insertInto("deliveries")
      .values(rows.slice(from, from + DELIVERY_ROWS_PER_INSERT))
      .execute();
  }
}
