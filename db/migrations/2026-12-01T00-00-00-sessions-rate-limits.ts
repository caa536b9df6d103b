import type { Kysely } from "kysely";

// Sessions that sign-out can end, and the token buckets behind sign-in throttling and the
// ingestion rate limit (shared by every process on the database).

export async function up(db: Kysely<any>): Promise<void> {
  // One row per signed-in browser; the session cookie names its row, and a cookie whose row
  // is gone (signed out, signed out everywhere, expired) signs nobody in.
  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();
  await db.schema.createIndex("sessions_expires_idx").on("sessions").column("expires_at").execute();

  // A token bucket per key ("sign-in:account:<email>", "api-token:<token id>"). `units` counts
  // fractions of a token so refills stay integer arithmetic on both databases.
  await db.schema
    .createTable("rate_limit_buckets")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("units", "bigint", (c) => c.notNull())
    .addColumn("granted", "integer", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rate_limit_buckets_updated_idx").on("rate_limit_buckets").column("updated_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limit_buckets").execute();
  await db.schema.dropTable("sessions").execute();
}
