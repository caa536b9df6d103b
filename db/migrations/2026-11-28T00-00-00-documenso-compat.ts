import type { Kysely } from "kysely";

// Per-webhook Documenso compatibility and custom headers, and the payload as sent (with
// recipients' signing tokens) for the webhooks that asked for it.

export async function up(db: Kysely<any>): Promise<void> {
  // Also send the secret itself in X-Documenso-Secret, as Documenso does (0/1).
  await db.schema
    .alterTable("webhooks")
    .addColumn("send_secret_header", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Keep recipients' signing tokens in this webhook's payloads (0/1).
  await db.schema
    .alterTable("webhooks")
    .addColumn("include_recipient_tokens", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // JSON array of { name, value } with each value sealed like a secret; null when none.
  await db.schema.alterTable("webhooks").addColumn("custom_headers", "text").execute();
  // The payload text with recipients' tokens, sealed; kept only when it had tokens and a
  // webhook subscribed at ingestion wanted them. `payload` stays the text without tokens.
  await db.schema.alterTable("events").addColumn("payload_with_tokens", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("events").dropColumn("payload_with_tokens").execute();
  await db.schema.alterTable("webhooks").dropColumn("custom_headers").execute();
  await db.schema.alterTable("webhooks").dropColumn("include_recipient_tokens").execute();
  await db.schema.alterTable("webhooks").dropColumn("send_secret_header").execute();
}
