import { type Kysely, sql } from "kysely";

// The delivery log's event filter reads the event type from the deliveries table itself, so
// "only document.rejected" is one narrow index range per type instead of a walk through the
// whole log joined with events. Written at ingestion; backfilled here from each row's event.

export async function up(db: Kysely<any>): Promise<void> {
  // The default only lets the column be added to a filled table: every insert names the type.
  await db.schema
    .alterTable("deliveries")
    .addColumn("event_type", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await sql`update deliveries set event_type = (select e.type from events e where e.id = deliveries.event_id)`.execute(db);
  // Newest first within one webhook and type, with the log's keyset cursor (created_at, id).
  await db.schema
    .createIndex("deliveries_webhook_event_idx")
    .on("deliveries")
    .columns(["webhook_id", "event_type", "created_at", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("deliveries_webhook_event_idx").ifExists().execute();
  await db.schema.alterTable("deliveries").dropColumn("event_type").execute();
}
