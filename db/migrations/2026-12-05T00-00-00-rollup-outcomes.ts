import { type Kysely, sql } from "kysely";

// Per webhook and minute, the deliveries that reached Delivered and those that reached Failed
// (gave up) in that minute, beside the attempt counts: the detail page's chart and the list's
// health column read them from the rollup, never from the delivery log. Backfilled from the
// deliveries already finished, each counted in the minute it was last updated (when the
// engine wrote its final state).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("webhook_minute_stats")
    .addColumn("delivered", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("webhook_minute_stats")
    .addColumn("failed", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await sql
    .raw(
      `insert into webhook_minute_stats (webhook_id, minute, delivered, failed)
      select webhook_id, (updated_at / 60000) * 60000,
        sum(case when status = 'delivered' then 1 else 0 end), sum(case when status = 'failed' then 1 else 0 end)
      from deliveries where status in ('delivered', 'failed')
      group by webhook_id, (updated_at / 60000) * 60000
      on conflict (webhook_id, minute) do update set delivered = excluded.delivered, failed = excluded.failed`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("webhook_minute_stats").dropColumn("failed").execute();
  await db.schema.alterTable("webhook_minute_stats").dropColumn("delivered").execute();
}
