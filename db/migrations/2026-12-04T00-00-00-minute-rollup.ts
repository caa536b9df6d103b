import { type Kysely, sql } from "kysely";
import { LATENCY_COLUMNS, latencyBucketSumsSql, MINUTE_MS } from "@/lib/delivery-log/rollup";

// Per webhook and minute: attempts, successful attempts and a fixed latency histogram
// (lib/delivery-log/rollup.ts), written with the attempts themselves, so the health strip
// and charts never scan the delivery log. Backfilled from the attempts already logged.

export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable("webhook_minute_stats")
    .addColumn("webhook_id", "text", (c) => c.notNull().references("webhooks.id").onDelete("cascade"))
    // Start of the minute, ms since the epoch.
    .addColumn("minute", "bigint", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attempts_ok", "integer", (c) => c.notNull().defaultTo(0));
  for (const name of LATENCY_COLUMNS) table = table.addColumn(name, "integer", (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint("webhook_minute_stats_pk", ["webhook_id", "minute"]).execute();

  await sql
    .raw(
      `insert into webhook_minute_stats (webhook_id, minute, attempts, attempts_ok, ${LATENCY_COLUMNS.join(", ")})
      select webhook_id, (started_at / ${MINUTE_MS}) * ${MINUTE_MS} as m, count(*), sum(succeeded), ${latencyBucketSumsSql()}
      from delivery_attempts group by webhook_id, (started_at / ${MINUTE_MS}) * ${MINUTE_MS}`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("webhook_minute_stats").execute();
}
