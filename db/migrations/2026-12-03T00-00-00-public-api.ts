import type { Kysely } from "kysely";

// The public REST API: API tokens get a scope, and webhook creations remember their
// Idempotency-Key so a retried create answers with the webhook the first one made.

export async function up(db: Kysely<any>): Promise<void> {
  // 'read' (GETs only) or 'write' (everything). Tokens made before scopes could do everything.
  await db.schema
    .alterTable("api_tokens")
    .addColumn("scope", "text", (c) => c.notNull().defaultTo("write"))
    .execute();

  // One row per key a user sent with POST /api/v1/webhooks, for 24 h. `request_hash` is the
  // SHA-256 of the request body, so a key reused for a different webhook is refused.
  await db.schema
    .createTable("webhook_idempotency_keys")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("webhook_id", "text", (c) => c.notNull().references("webhooks.id").onDelete("cascade"))
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("webhook_idempotency_keys_pk", ["user_id", "key"])
    .execute();
  // The cascade from a deleted webhook looks its keys up by webhook.
  await db.schema
    .createIndex("webhook_idempotency_keys_webhook_idx")
    .on("webhook_idempotency_keys")
    .column("webhook_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("webhook_idempotency_keys").execute();
  await db.schema.alterTable("api_tokens").dropColumn("scope").execute();
}
