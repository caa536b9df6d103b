import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb, getDialect, migrateToLatest } from "@/db";
import { migrations } from "@/db/migrations";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

describe(`migrations (${testDialect})`, () => {
  it("run on the dialect under test and create every table", async () => {
    expect(getDialect()).toBe(testDialect);
    const db = getDb();
    for (const table of ["users", "api_tokens", "webhooks", "events", "deliveries", "delivery_attempts"] as const) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
      expect(Number(rows[0].n)).toBe(0);
    }
  });

  it("backfill the event type of deliveries written before it had a column", async () => {
    const db = getDb();
    const names = Object.keys(migrations).sort();
    const before = names[names.indexOf("2026-12-06T00-00-00-delivery-event-type") - 1];
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo(before);
    expect(down.error).toBeUndefined();

    const userId = (await createTestUser()).id;
    const webhookId = (await createTestWebhook(userId, { url: "http://127.0.0.1:9/hook", events: ["document.sent"] })).id;
    for (const [n, type] of ["DOCUMENT_SENT", "DOCUMENT_REJECTED"].entries()) {
      await sql`insert into events (id, user_id, type, payload, created_at)
        values (${`evt_old${n}`}, ${userId}, ${type}, '{}', 1)`.execute(db);
      await sql`insert into deliveries (id, event_id, webhook_id, user_id, status, attempt_count, next_attempt_at, created_at, updated_at)
        values (${`msg_old${n}`}, ${`evt_old${n}`}, ${webhookId}, ${userId}, 'delivered', 1, 1, 1, 1)`.execute(db);
    }
    await migrateToLatest(db);

    const rows = await db.selectFrom("deliveries").select(["id", "event_type"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: "msg_old0", event_type: "DOCUMENT_SENT" },
      { id: "msg_old1", event_type: "DOCUMENT_REJECTED" },
    ]);
  });
});
