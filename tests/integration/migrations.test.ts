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

  it("keep the bodies of attempts logged before request_body could be null, and their indexes", async () => {
    const db = getDb();
    const names = Object.keys(migrations).sort();
    const before = names[names.indexOf("2026-12-10T00-00-00-request-body-once") - 1];
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo(before)).error).toBeUndefined();

    const userId = (await createTestUser()).id;
    const webhookId = (await createTestWebhook(userId, { url: "http://127.0.0.1:9/hook", events: ["document.sent"] })).id;
    await sql`insert into events (id, user_id, type, payload, created_at) values ('evt_body0', ${userId}, 'DOCUMENT_SENT', '{}', 1)`.execute(
      db,
    );
    await sql`insert into deliveries (id, event_id, event_type, webhook_id, user_id, status, attempt_count, next_attempt_at, created_at, updated_at)
      values ('msg_body0', 'evt_body0', 'DOCUMENT_SENT', ${webhookId}, ${userId}, 'delivered', 1, 1, 1, 1)`.execute(db);
    const attempt = (id: string, body: string | null) =>
      sql`insert into delivery_attempts (id, delivery_id, webhook_id, attempt_number, trigger, request_url, request_headers,
          request_body, duration_ms, succeeded, started_at)
        values (${id}, 'msg_body0', ${webhookId}, 1, 'scheduled', 'http://127.0.0.1:9/hook', '{}', ${body}, 5, 1, 1)`.execute(db);
    await attempt("att_body0", "the old text");
    await expect(attempt("att_body1", null)).rejects.toThrow();
    await migrateToLatest(db);

    await attempt("att_body2", null);
    const rows = await db.selectFrom("delivery_attempts").select(["id", "request_body"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: "att_body0", request_body: "the old text" },
      { id: "att_body2", request_body: null },
    ]);
    const indexes =
      getDialect() === "postgres"
        ? await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'delivery_attempts'`.execute(db)
        : await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'delivery_attempts'
            and name not like 'sqlite_autoindex%'`.execute(db);
    expect(indexes.rows.map((row) => row.name).sort()).toEqual(
      [
        ...(getDialect() === "postgres" ? ["delivery_attempts_pkey"] : []),
        "attempts_delivery_idx",
        "attempts_webhook_health_idx",
      ].sort(),
    );
    // The cascade from deliveries still holds on the rebuilt table.
    await db.deleteFrom("deliveries").where("id", "=", "msg_body0").execute();
    expect(await db.selectFrom("delivery_attempts").select("id").execute()).toEqual([]);
  });
});
