import { getDb } from "@/db";
import type { Webhook } from "@/db/types";
import { limits } from "@/lib/config";
import { encryptSecret } from "@/lib/crypto/encryption";
import { newId } from "@/lib/ids";
import { IDEMPOTENCY_WINDOW_MS } from "@/lib/ingest/record-event";
import type { TCreateWebhookSchema } from "@/lib/validation/webhook";
import { sealCustomHeaders } from "@/lib/webhooks/custom-headers";
import { toWebhookView, type WebhookView } from "@/lib/webhooks/webhook-view";

export type CreateWebhookResult =
  | { ok: true; webhook: WebhookView; replayed: boolean }
  | { ok: false; code: "limit_reached" | "idempotency_key_reused"; message: string };

/**
 * An Idempotency-Key of the API: a create with a key seen from this user in the last 24 h
 * answers with the webhook that key created instead of adding another. `requestHash` tells
 * the same request from another one sent with the same key, which is refused.
 */
export type CreateIdempotency = { key: string; requestHash: string };

/** Adds a webhook for userId; input is already parsed by ZCreateWebhookSchema (events are wire names). */
export async function createWebhook(
  userId: string,
  input: TCreateWebhookSchema,
  { idempotency, now = Date.now() }: { idempotency?: CreateIdempotency; now?: number } = {},
): Promise<CreateWebhookResult> {
  const limit = limits.webhooksPerUser();
  const row: Webhook = {
    id: newId("wh"),
    user_id: userId,
    url: input.url,
    events: JSON.stringify(input.events),
    secret_encrypted: input.secret ? encryptSecret(input.secret) : null,
    previous_secret_encrypted: null,
    previous_secret_expires_at: null,
    enabled: input.enabled ? 1 : 0,
    disabled_reason: null,
    disabled_at: null,
    send_secret_header: input.sendSecretHeader ? 1 : 0,
    include_recipient_tokens: input.includeRecipientTokens ? 1 : 0,
    custom_headers: sealCustomHeaders(input.customHeaders),
    rate_limit_per_second: input.rateLimitPerSecond,
    created_at: now,
    updated_at: now,
  };
  // Count and insert in one transaction, so the cap holds however many requests race
  // (SQLite serialises write transactions; on Postgres the row lock on the user does it).
  // The same lock makes two requests with one Idempotency-Key take turns: the second sees
  // the first's key row.
  return getDb()
    .transaction()
    .execute(async (trx): Promise<CreateWebhookResult> => {
      await trx.updateTable("users").set({ id: userId }).where("id", "=", userId).execute();
      if (idempotency) {
        // Keys older than the window are free again; dropping the user's expired ones here
        // keeps the table at one day of keys without a sweeper.
        await trx
          .deleteFrom("webhook_idempotency_keys")
          .where("user_id", "=", userId)
          .where("created_at", "<=", now - IDEMPOTENCY_WINDOW_MS)
          .execute();
        const seen = await trx
          .selectFrom("webhook_idempotency_keys as k")
          .innerJoin("webhooks as w", "w.id", "k.webhook_id")
          .selectAll("w")
          .select("k.request_hash")
          .where("k.user_id", "=", userId)
          .where("k.key", "=", idempotency.key)
          .executeTakeFirst();
        if (seen) {
          if (seen.request_hash !== idempotency.requestHash) {
            return {
              ok: false,
              code: "idempotency_key_reused",
              message: "This Idempotency-Key was already used for a different request: use a new key for a new webhook.",
            };
          }
          return { ok: true, webhook: toWebhookView(seen), replayed: true };
        }
      }
      const { count } = await trx
        .selectFrom("webhooks")
        .select((eb) => eb.fn.countAll<number | string>().as("count"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      if (Number(count) >= limit) {
        return {
          ok: false,
          code: "limit_reached",
          message: `You can have at most ${limit} webhooks. Delete one to add another.`,
        };
      }
      await trx.insertInto("webhooks").values(row).execute();
      if (idempotency) {
        await trx
          .insertInto("webhook_idempotency_keys")
          .values({
            user_id: userId,
            key: idempotency.key,
            webhook_id: row.id,
            request_hash: idempotency.requestHash,
            created_at: now,
          })
          .execute();
      }
      return { ok: true, webhook: toWebhookView(row), replayed: false };
    });
}
