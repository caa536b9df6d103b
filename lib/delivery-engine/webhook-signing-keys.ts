import { decryptSecret } from "@/lib/crypto/encryption";
import type { ClaimedWebhook } from "@/lib/delivery-engine/claim-deliveries";
import { prepareSigningKeys, type SigningKeys } from "@/lib/delivery-engine/signing";

// Decrypting a secret (AES-GCM) and preparing its HMAC keys costs more than signing a body,
// so keys are kept per sealed value. A changed secret is a different sealed value, so the
// cache can never serve a stale key; it only bounds its own size.

const MAX_ENTRIES = 10_000;
const cache = new Map<string, SigningKeys>();

/** The keys that sign this webhook's deliveries now; undefined when it has no secret. */
export function signingKeysFor(
  webhook: Pick<ClaimedWebhook, "secret_encrypted" | "previous_secret_encrypted" | "previous_secret_expires_at">,
  now: number,
): SigningKeys | undefined {
  if (!webhook.secret_encrypted) return undefined;
  const previousIsValid =
    webhook.previous_secret_encrypted !== null &&
    (webhook.previous_secret_expires_at === null || webhook.previous_secret_expires_at > now);
  const previous = previousIsValid ? webhook.previous_secret_encrypted : null;
  const cacheKey = previous ? `${webhook.secret_encrypted} ${previous}` : webhook.secret_encrypted;
  let keys = cache.get(cacheKey);
  if (!keys) {
    const secret = decryptSecret(webhook.secret_encrypted);
    if (secret === "") return undefined;
    keys = prepareSigningKeys(secret, previous ? decryptSecret(previous) : null);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(cacheKey, keys);
  }
  return keys;
}
