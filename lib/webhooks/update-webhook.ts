import { getDb } from "@/db";
import type { WebhookUpdate } from "@/db/types";
import { encryptSecret } from "@/lib/crypto/encryption";
import type { TUpdateWebhookSchema } from "@/lib/validation/webhook";
import { sealCustomHeaders } from "@/lib/webhooks/custom-headers";
import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";
import { toWebhookView, type WebhookView } from "@/lib/webhooks/webhook-view";

/**
 * Saves the edit form. Secret: undefined keeps the current one (the form left it alone),
 * "" removes it, anything else replaces it; custom headers without a value keep theirs.
 * Returns null when the webhook is not the user's.
 */
export async function updateWebhook(userId: string, input: TUpdateWebhookSchema): Promise<WebhookView | null> {
  const current = await findWebhookRow(userId, input.id);
  if (!current) return null;
  const changes: WebhookUpdate = {
    url: input.url,
    events: JSON.stringify(input.events),
    enabled: input.enabled ? 1 : 0,
    send_secret_header: input.sendSecretHeader ? 1 : 0,
    include_recipient_tokens: input.includeRecipientTokens ? 1 : 0,
    custom_headers: sealCustomHeaders(input.customHeaders, current.custom_headers),
    rate_limit_per_second: input.rateLimitPerSecond,
    updated_at: Date.now(),
  };
  // Turning a webhook back on also clears why it was turned off (e.g. a 410 from the receiver).
  if (input.enabled) Object.assign(changes, { disabled_reason: null, disabled_at: null });
  if (input.secret !== undefined) changes.secret_encrypted = input.secret === "" ? null : encryptSecret(input.secret);
  const result = await getDb()
    .updateTable("webhooks")
    .set(changes)
    .where("id", "=", input.id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return null;
  const row = await findWebhookRow(userId, input.id);
  return row ? toWebhookView(row) : null;
}
