import { decryptSecret } from "@/lib/crypto/encryption";
import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";

/** The plain secret for its owner ({ secret: null } when there is none); null when not the user's. */
export async function revealWebhookSecret(userId: string, id: string): Promise<{ secret: string | null } | null> {
  const row = await findWebhookRow(userId, id);
  if (!row) return null;
  return { secret: row.secret_encrypted ? decryptSecret(row.secret_encrypted) : null };
}
