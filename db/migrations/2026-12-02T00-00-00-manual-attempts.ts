import type { Kysely } from "kysely";

// Manual attempts (Resend, Recover, test events) stand beside the automatic retry schedule
// instead of moving it: attempt_count counts the schedule's attempts only.

export async function up(db: Kysely<any>): Promise<void> {
  // Manual and test attempts made so far: an attempt's number is attempt_count +
  // manual_attempt_count + 1, so every attempt of a delivery has its own.
  await db.schema
    .alterTable("deliveries")
    .addColumn("manual_attempt_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // While a manual attempt is queued on a waiting delivery: when its next scheduled attempt
  // was due. A manual attempt that fails puts it back there; null: nothing was scheduled.
  await db.schema.alterTable("deliveries").addColumn("resume_at", "bigint").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("deliveries").dropColumn("resume_at").execute();
  await db.schema.alterTable("deliveries").dropColumn("manual_attempt_count").execute();
}
