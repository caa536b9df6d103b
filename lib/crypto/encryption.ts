import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { persistentSecret } from "@/lib/config";

// AES-256-GCM sealing for secrets at rest. Format: "v1:<iv b64>:<tag b64>:<ciphertext b64>".
// The key comes from APP_ENCRYPTION_KEY (any string; hashed to 32 bytes) or is generated once
// into the data directory with mode 0600.

const VERSION = "v1";

let cachedKey: { source: string; key: Buffer } | undefined;

function key(): Buffer {
  const source = persistentSecret("APP_ENCRYPTION_KEY", "encryption.key");
  if (cachedKey?.source !== source) {
    cachedKey = { source, key: createHash("sha256").update(source, "utf8").digest() };
  }
  return cachedKey.key;
}

export function encryptSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error("encrypted secret has an unknown format");
  }
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}
