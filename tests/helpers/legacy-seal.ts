import { createCipheriv, createHash, randomBytes } from "node:crypto";

/** A value sealed as before key ids ("v1:<iv>:<tag>:<ciphertext>"), to check such rows still open. */
export function sealLegacy(plaintext: string, keySource: string): string {
  const key = createHash("sha256").update(keySource, "utf8").digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}
