import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts: the same password hashes differently twice, and the hash does not contain it", async () => {
    const a = await hashPassword("same-password");
    const b = await hashPassword("same-password");
    expect(a).not.toBe(b);
    expect(a).not.toContain("same-password");
    expect(a.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("same-password", b)).toBe(true);
  });

  it("treats unreadable or tampered hashes as a wrong password, never throwing", async () => {
    const hash = await hashPassword("pw-12345678");
    const parts = hash.split("$");
    const tampered = [...parts.slice(0, 5), Buffer.alloc(64).toString("base64")].join("$");
    for (const stored of [
      "",
      "plain",
      "scrypt$1$1$1$$",
      "bcrypt$x",
      tampered,
      hash.replace("$16384$", "$-1$"),
      hash.replace("$16384$", "$999999999999$"),
    ]) {
      expect(await verifyPassword("pw-12345678", stored)).toBe(false);
    }
  });

  it("handles unicode passwords in either normal form", async () => {
    const hash = await hashPassword("caf\u00e9-pässwörd");
    expect(await verifyPassword("cafe\u0301-pässwörd", hash)).toBe(true);
  });
});
