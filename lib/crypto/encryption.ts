import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { dataDir, persistentSecret } from "@/lib/config";

// AES-256-GCM sealing for secrets at rest. Format: "v2:<key id>:<iv>:<tag>:<ciphertext>"
// (base64 parts). The key comes from APP_ENCRYPTION_KEY (any string; hashed to 32 bytes) or is
// generated once into the data directory with mode 0600. APP_ENCRYPTION_KEY_PREVIOUS lists
// older keys (comma-separated) that still decrypt, so the key can be rotated while running:
// new values are sealed with the current key, and `npm run rotate-encryption-key` reseals the
// stored ones. The key id names the key a value was sealed with, so decryption picks it
// directly. Values from before key ids ("v1:<iv>:<tag>:<ciphertext>") are tried with each key.

const VERSION = "v2";
const LEGACY_VERSION = "v1";

type Key = { id: string; bytes: Buffer };
type Keyring = { current: Key; previous: Key[]; byId: Map<string, Key> };

let cached: { source: string; keyring: Keyring } | undefined;

function toKey(source: string): Key {
  const bytes = createHash("sha256").update(source, "utf8").digest();
  // A MAC of a constant, so the id says nothing about the key; 8 hex characters tell keys apart.
  const id = createHmac("sha256", bytes).update("docuhooks key id").digest("hex").slice(0, 8);
  return { id, bytes };
}

function previousKeySources(): string[] {
  return (process.env.APP_ENCRYPTION_KEY_PREVIOUS ?? "")
    .split(",")
    .map((source) => source.trim())
    .filter((source) => source !== "");
}

function keyring(): Keyring {
  // The generated key file only changes when it is first written, so the data directory
  // stands for it here and the file is read once per process, not once per value.
  const source = [process.env.APP_ENCRYPTION_KEY?.trim() || `file:${dataDir()}`, ...previousKeySources()].join("\n");
  if (cached?.source !== source) {
    const current = toKey(persistentSecret("APP_ENCRYPTION_KEY", "encryption.key"));
    const previous = previousKeySources()
      .map(toKey)
      .filter((key) => key.id !== current.id);
    const byId = new Map([current, ...previous].map((key) => [key.id, key]));
    cached = { source, keyring: { current, previous, byId } };
  }
  return cached.keyring;
}

/** The id of the key new values are sealed with (what the rotation command reseals to). */
export function currentKeyId(): string {
  return keyring().current.id;
}

/** The key id a sealed value names, or "legacy" for values from before key ids. */
export function keyIdOf(sealed: string): string {
  return sealed.startsWith(`${VERSION}:`) ? sealed.split(":", 2)[1] : "legacy";
}

export function encryptSecret(plaintext: string): string {
  const key = keyring().current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, key.id, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":");
}

function open(key: Key, iv: string, tag: string, ciphertext: string): string {
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}

export function decryptSecret(sealed: string): string {
  const parts = sealed.split(":");
  const ring = keyring();
  if (parts[0] === VERSION && parts.length === 5) {
    const [, keyId, iv, tag, ciphertext] = parts;
    const key = ring.byId.get(keyId);
    if (!key) {
      throw new Error(
        `a secret is sealed with encryption key ${keyId}, which is neither APP_ENCRYPTION_KEY nor in APP_ENCRYPTION_KEY_PREVIOUS`,
      );
    }
    return open(key, iv, tag, ciphertext);
  }
  if (parts[0] === LEGACY_VERSION && parts.length === 4) {
    const [, iv, tag, ciphertext] = parts;
    for (const key of [ring.current, ...ring.previous]) {
      try {
        return open(key, iv, tag, ciphertext);
      } catch {
        // Not this key (GCM's tag check failed): try the next one.
      }
    }
    throw new Error("a secret sealed before key ids opens with none of the configured encryption keys");
  }
  throw new Error("encrypted secret has an unknown format");
}

/** The value sealed with the current key: unchanged when it already is. */
export function resealWithCurrentKey(sealed: string): string {
  return keyIdOf(sealed) === currentKeyId() ? sealed : encryptSecret(decryptSecret(sealed));
}
