import { sql } from "kysely";
import { getDb } from "@/db";
import { maintenanceConfig } from "@/lib/config";
import { encryptSecret } from "@/lib/crypto/encryption";
import { generateWebhookSecret } from "@/lib/crypto/generate-webhook-secret";

export type RotatedSecret = {
  /** The new secret, shown once to its owner (also revealable later like any secret). */
  secret: string;
  /** Until when deliveries also carry a signature with the old secret; null when there was none. */
  previousSecretExpiresAt: number | null;
};

/**
 * Gives the webhook a new secret. The current one becomes the previous secret, which keeps
 * signing (a second signature in `webhook-signature`) for SECRET_ROTATION_GRACE_MS (24 h),
 * so receivers switch without downtime. A secret rotated out earlier is dropped: only the
 * latest old secret stays valid. Undefined when the webhook is not the user's.
 */
export async function rotateWebhookSecret(
  userId: string,
  webhookId: string,
  now = Date.now(),
): Promise<RotatedSecret | undefined> {
  const secret = generateWebhookSecret();
  const expiresAt = now + maintenanceConfig.secretRotationGraceMs();
  // One UPDATE reads the old value and writes the new: two rotations at once can't lose a secret.
  const row = await getDb()
    .updateTable("webhooks")
    .set({
      previous_secret_encrypted: sql.ref("secret_encrypted"),
      previous_secret_expires_at: sql<
        number | null
      >`case when secret_encrypted is null then null else cast(${expiresAt} as bigint) end`,
      secret_encrypted: encryptSecret(secret),
      updated_at: now,
    })
    .where("id", "=", webhookId)
    .where("user_id", "=", userId)
    .returning(["previous_secret_expires_at"])
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    secret,
    previousSecretExpiresAt: row.previous_secret_expires_at === null ? null : Number(row.previous_secret_expires_at),
  };
}
