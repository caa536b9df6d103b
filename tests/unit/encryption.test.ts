import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";

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
    const body = Buffer.from(parts[3], "base64");
    body[0] ^= 1;
    parts[3] = body.toString("base64");
    expect(() => decryptSecret(parts.join(":"))).toThrow();
  });
});
