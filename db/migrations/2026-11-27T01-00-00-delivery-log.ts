import { type Kysely, sql } from "kysely";

// The delivery log, health strip, resend/recover, auto-disable and retention.
// Indexes are chosen so that each screen reads one narrow index range, however large the
// tables grow (figures in docs/decisions.md, measured by bench/measure-health-query.ts).

export async function up(db: Kysely<any>): Promise<void> {
  // What the NEXT attempt of a delivery is logged as ('manual' after Resend, 'test' for a test
  // event); the worker logs `next_trigger ?? 'scheduled'` and clears it.
  await db.schema.alterTable("deliveries").addColumn("next_trigger", "text").execute();
  // When the webhook was disabled by the system (auto-disable, 410 Gone), for the notice.
  await db.schema.alterTable("webhooks").addColumn("disabled_at", "bigint").execute();

  // Health strip (counts, success rate, percentiles over 24 h) and auto-disable read only
  // these four columns: a covering index makes them index-only range scans. It replaces the
  // init migration's (webhook_id, started_at) index, which it extends.
  await db.schema.dropIndex("attempts_webhook_time_idx").execute();
  await db.schema
    .createIndex("attempts_webhook_health_idx")
    .on("delivery_attempts")
    .columns(["webhook_id", "started_at", "succeeded", "duration_ms"])
    .execute();

  // Status tabs of the log (newest first, cursor on created_at, id), the pending backlog and
  // "recover failed". Partial, so rows only enter them while in those states: the pending one
  // stays as small as the backlog, the failed one as small as the failures.
  await db.schema
    .createIndex("deliveries_webhook_open_idx")
    .on("deliveries")
    .columns(["webhook_id", "created_at", "id"])
    .where(sql.ref("status"), "in", sql`('pending', 'retrying')`)
    .execute();
  await db.schema
    .createIndex("deliveries_webhook_failed_idx")
    .on("deliveries")
    .columns(["webhook_id", "created_at", "id"])
    .where(sql.ref("status"), "in", sql`('failed', 'cancelled')`)
    .execute();

  // Retention prunes events by age across all users.
  await db.schema.createIndex("events_created_idx").on("events").column("created_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("events_created_idx").ifExists().execute();
  await db.schema.dropIndex("deliveries_webhook_failed_idx").ifExists().execute();
  await db.schema.dropIndex("deliveries_webhook_open_idx").ifExists().execute();
  await db.schema.dropIndex("attempts_webhook_health_idx").ifExists().execute();
  await db.schema
    .createIndex("attempts_webhook_time_idx")
    .on("delivery_attempts")
    .columns(["webhook_id", "started_at"])
    .execute();
  await db.schema.alterTable("webhooks").dropColumn("disabled_at").execute();
  await db.schema.alterTable("deliveries").dropColumn("next_trigger").execute();
}
