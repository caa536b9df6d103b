import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import { decryptSecret } from "@/lib/crypto/encryption";
import type { ClaimedWebhook } from "@/lib/delivery-engine/claim-deliveries";

// Signatures on every delivery (docs/architecture.md, "Wire format"):
// - Standard Webhooks v1: base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed by the
//   base64-decoded part of a `whsec_` secret, or by the UTF-8 bytes of any other secret (what
//   the official library calls format "raw").
// - X-Documenso-Signature: hex HMAC-SHA256 of the body, keyed by the secret as the user sees it.
// The raw secret itself is sent only to webhooks that opt into X-Documenso-Secret.

const WHSEC_PREFIX = "whsec_";

/** The HMAC key of a Standard Webhooks signature. Empty secrets are an error, never an empty key. */
export function standardWebhooksKey(secret: string): Buffer {
  const key = secret.startsWith(WHSEC_PREFIX)
    ? Buffer.from(secret.slice(WHSEC_PREFIX.length), "base64")
    : Buffer.from(secret, "utf8");
  if (key.length === 0) throw new Error("A webhook secret can't be empty");
  return key;
}

/** `v1,<base64 signature>` for one key. */
export function signStandardWebhook(key: Buffer | KeyObject, msgId: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", key).update(`${msgId}.${timestamp}.`).update(body).digest("base64")}`;
}

/** Hex HMAC-SHA256 of the body with the secret's UTF-8 bytes, for receivers that check a plain body HMAC. */
export function signDocumensoBody(secret: string | KeyObject, body: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/**
 * What a delivery signs with, prepared once per secret and reused for every attempt: turning
 * a secret into KeyObjects costs more than the HMAC of a 1 KB body.
 */
export type SigningKeys = {
  /** Current key first, then a previous key still inside its grace period. */
  standard: KeyObject[];
  documenso: KeyObject;
  /** The current secret as the user typed it, for webhooks that send it in X-Documenso-Secret. */
  secret: string;
};

export function prepareSigningKeys(secret: string, previousSecret?: string | null): SigningKeys {
  const standard = [createSecretKey(standardWebhooksKey(secret))];
  if (previousSecret) standard.push(createSecretKey(standardWebhooksKey(previousSecret)));
  return { standard, documenso: createSecretKey(Buffer.from(secret, "utf8")), secret };
}

export type SignatureHeaders = { "webhook-signature": string; "x-documenso-signature": string };

/**
 * The signature headers of one attempt. Several Standard Webhooks signatures are
 * space-separated while a rotated-out secret is still valid, so receivers on either secret
 * verify. Returns undefined without keys: no secret, no signature headers.
 */
export function signatureHeaders(
  keys: SigningKeys | undefined,
  msgId: string,
  timestamp: number,
  body: string,
): SignatureHeaders | undefined {
  if (!keys) return undefined;
  let standard = signStandardWebhook(keys.standard[0], msgId, timestamp, body);
  for (let i = 1; i < keys.standard.length; i++) standard += ` ${signStandardWebhook(keys.standard[i], msgId, timestamp, body)}`;
  return { "webhook-signature": standard, "x-documenso-signature": signDocumensoBody(keys.documenso, body) };
}

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
