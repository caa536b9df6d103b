import { getDb } from "@/db";
import { encryptSecret } from "@/lib/crypto/encryption";
import { newId } from "@/lib/ids";
import { parseEventName } from "@/lib/webhooks/events";

export type TestWebhookOptions = {
  url: string;
  /** Dotted or wire names. */
  events: string[];
  enabled?: boolean;
  secret?: string;
};

/**
 * Inserts a webhook row directly, so ingestion and delivery tests don't depend on the
 * settings UI's lib/webhooks code.
 */
export async function createTestWebhook(userId: string, options: TestWebhookOptions) {
  const events = options.events.map((name) => {
    const wire = parseEventName(name);
    if (!wire) throw new Error(`createTestWebhook: unknown event ${name}`);
    return wire;
  });
  const now = Date.now();
  const row = {
    id: newId("wh"),
    user_id: userId,
    url: options.url,
    events: JSON.stringify(events),
    secret_encrypted: options.secret ? encryptSecret(options.secret) : null,
    previous_secret_encrypted: null,
    previous_secret_expires_at: null,
    enabled: options.enabled === false ? 0 : 1,
    disabled_reason: null,
    created_at: now,
    updated_at: now,
  };
  await getDb().insertInto("webhooks").values(row).execute();
  return { id: row.id, url: row.url, events };
}
