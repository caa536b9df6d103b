import { type Kysely, sql } from "kysely";
import { isPostgres } from "./is-postgres";

// An attempt's request body is stored only when it cannot be rebuilt from its event and URL
// (a body with recipients' tokens, kept masked); otherwise request_body is null and readers
// rebuild it (loggedRequestBody in lib/delivery-engine/build-request.ts). Rows written before
// keep their text.

export async function up(db: Kysely<any>): Promise<void> {
  // Postgres drops a NOT NULL in the catalogue alone; SQLite cannot alter a column, so its
  // table is rebuilt (SQLite's documented procedure), bodies included.
  if (isPostgres(db)) {
    await db.schema
      .alterTable("delivery_attempts")
      .alterColumn("request_body", (c) => c.dropNotNull())
      .execute();
    return;
  }
  await rebuildSqliteTable(db, false);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Null bodies become the text they stand for only through the app's rebuild; down keeps the
  // rows and stores an empty body instead, so the NOT NULL can come back.
  await db.updateTable("delivery_attempts").set({ request_body: "" }).where("request_body", "is", null).execute();
  if (isPostgres(db)) {
    await db.schema
      .alterTable("delivery_attempts")
      .alterColumn("request_body", (c) => c.setNotNull())
      .execute();
    return;
  }
  await rebuildSqliteTable(db, true);
}

const COLUMNS = [
  "id",
  "delivery_id",
  "webhook_id",
  "attempt_number",
  "trigger",
  "request_url",
  "request_headers",
  "request_body",
  "response_status",
  "response_headers",
  "response_body",
  "duration_ms",
  "error",
  "succeeded",
  "started_at",
];

/**
 * New table, copy, drop, rename, indexes again, in one transaction (SQLite's migrations run
 * outside one): a crash leaves the old table or the new one, never half of each. Nothing
 * references delivery_attempts, so dropping it with foreign keys on deletes nothing else.
 */
async function rebuildSqliteTable(db: Kysely<any>, isBodyRequired: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable("delivery_attempts_rebuilt")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("delivery_id", "text", (c) => c.notNull().references("deliveries.id").onDelete("cascade"))
      .addColumn("webhook_id", "text", (c) => c.notNull())
      .addColumn("attempt_number", "integer", (c) => c.notNull())
      .addColumn("trigger", "text", (c) => c.notNull())
      .addColumn("request_url", "text", (c) => c.notNull())
      .addColumn("request_headers", "text", (c) => c.notNull())
      .addColumn("request_body", "text", (c) => (isBodyRequired ? c.notNull() : c))
      .addColumn("response_status", "integer")
      .addColumn("response_headers", "text")
      .addColumn("response_body", "text")
      .addColumn("duration_ms", "integer", (c) => c.notNull())
      .addColumn("error", "text")
      .addColumn("succeeded", "integer", (c) => c.notNull())
      .addColumn("started_at", "bigint", (c) => c.notNull())
      .execute();
    const columns = sql.join(COLUMNS.map((name) => sql.ref(name)));
    await sql`insert into delivery_attempts_rebuilt (${columns}) select ${columns} from delivery_attempts`.execute(trx);
    await trx.schema.dropTable("delivery_attempts").execute();
    await trx.schema.alterTable("delivery_attempts_rebuilt").renameTo("delivery_attempts").execute();
    // The indexes as the earlier migrations left them (dropped with the old table).
    await trx.schema
      .createIndex("attempts_delivery_idx")
      .on("delivery_attempts")
      .columns(["delivery_id", "started_at"])
      .execute();
    await trx.schema
      .createIndex("attempts_webhook_health_idx")
      .on("delivery_attempts")
      .columns(["webhook_id", "started_at", "succeeded", "duration_ms"])
      .execute();
  });
}
