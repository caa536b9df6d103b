import type { Kysely } from "kysely";

// A webhook's own delivery rate: at most this many attempts a second, shared by every worker
// (null: as fast as the worker's caps allow).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("webhooks").addColumn("rate_limit_per_second", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("webhooks").dropColumn("rate_limit_per_second").execute();
}
