import { describe, expect, it } from "vitest";
import { currentKeyId, decryptSecret, encryptSecret, keyIdOf, resealWithCurrentKey } from "@/lib/crypto/encryption";
import { restoreEncryptionKeysAfterEach, useEncryptionKeys } from "../helpers/encryption-keys";
import { sealLegacy } from "../helpers/legacy-seal";

restoreEncryptionKeysAfterEach();

describe("secret encryption at rest", () => {
  it("round-trips and never contains the plaintext", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const sealed = encryptSecret(secret);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(Buffer.from(secret).toString("base64"));
    expect(decryptSecret(sealed)).toBe(secret);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("refuses tampered ciphertext", () => {
    const sealed = encryptSecret("top secret");
    const parts = sealed.split(":");
    const body = Buffer.from(parts[4], "base64");
    body[0] ^= 1;
    parts[4] = body.toString("base64");
    expect(() => decryptSecret(parts.join(":"))).toThrow();
  });

  it("names the key a value is sealed with, without revealing the key", () => {
    useEncryptionKeys("key one");
    const sealed = encryptSecret("x");
    expect(sealed).toMatch(/^v2:[0-9a-f]{8}:/);
    expect(keyIdOf(sealed)).toBe(currentKeyId());
    useEncryptionKeys("key two");
    expect(currentKeyId()).not.toBe(keyIdOf(sealed));
    expect(keyIdOf(sealLegacy("x", "key one"))).toBe("legacy");
  });

  it("opens values sealed with a previous key while the current key seals new ones", () => {
    useEncryptionKeys("old key");
    const old = encryptSecret("sealed with the old key");
    useEncryptionKeys("new key", "older key", "old key");
    expect(decryptSecret(old)).toBe("sealed with the old key");
    const fresh = encryptSecret("sealed with the new key");
    expect(keyIdOf(fresh)).toBe(currentKeyId());
    expect(keyIdOf(fresh)).not.toBe(keyIdOf(old));
    // Once the old key is dropped, its values no longer open, and the error names no key.
    useEncryptionKeys("new key");
    expect(decryptSecret(fresh)).toBe("sealed with the new key");
    expect(() => decryptSecret(old)).toThrow(/sealed with encryption key [0-9a-f]{8}, which is neither/);
    try {
      decryptSecret(old);
    } catch (error) {
      expect(String(error)).not.toContain("old key");
    }
  });

  it("opens values from before key ids with whichever configured key sealed them", () => {
    const legacy = sealLegacy("from v1", "first key");
    useEncryptionKeys("first key");
    expect(decryptSecret(legacy)).toBe("from v1");
    useEncryptionKeys("second key", "first key");
    expect(decryptSecret(legacy)).toBe("from v1");
    useEncryptionKeys("second key");
    expect(() => decryptSecret(legacy)).toThrow(/none of the configured encryption keys/);
  });

  it("reseals with the current key, and leaves values already under it alone", () => {
    useEncryptionKeys("a");
    const underA = encryptSecret("value");
    useEncryptionKeys("b", "a");
    const resealed = resealWithCurrentKey(underA);
    expect(keyIdOf(resealed)).toBe(currentKeyId());
    expect(decryptSecret(resealed)).toBe("value");
    expect(resealWithCurrentKey(resealed)).toBe(resealed);
    expect(keyIdOf(resealWithCurrentKey(sealLegacy("old", "a")))).toBe(currentKeyId());
  });
});
