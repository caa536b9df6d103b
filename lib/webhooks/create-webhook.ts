import { getDb } from "@/db";
import { limits } from "@/lib/config";
import { encryptSecret } from "@/lib/crypto/encryption";
import { newId } from "@/lib/ids";
import type { TCreateWebhookSchema } from "@/lib/validation/webhook";
import { sealCustomHeaders } from "@/lib/webhooks/custom-headers";
import { toWebhookView, type WebhookView } from "@/lib/webhooks/webhook-view";

export type CreateWebhookResult = { ok: true; webhook: WebhookView } | { ok: false; code: "limit_reached"; limit: number };

/** Adds a webhook for userId; input is already parsed by ZCreateWebhookSchema (events are wire names). */
export async function createWebhook(userId: string, input: TCreateWebhookSchema): Promise<CreateWebhookResult> {
  const limit = limits.webhooksPerUser();
  const now = Date.now();
  const row = {
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
    created_at: now,
    updated_at: now,
  };
  // Count and insert in one transaction, so the cap holds however many requests race
  // (SQLite serialises write transactions; on Postgres the row lock on the user does it).
  const created = await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable("users").set({ id: userId }).where("id", "=", userId).execute();
      const { count } = await trx
        .selectFrom("webhooks")
        .select((eb) => eb.fn.countAll<number | string>().as("count"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      if (Number(count) >= limit) return false;
      await trx.insertInto("webhooks").values(row).execute();
      return true;
    });
  return created ? { ok: true, webhook: toWebhookView(row) } : { ok: false, code: "limit_reached", limit };
}
