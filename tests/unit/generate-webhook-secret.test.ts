import { describe, expect, it } from "vitest";
import { generateWebhookSecret } from "@/lib/crypto/generate-webhook-secret";
import { ZWebhookSecretSchema } from "@/lib/validation/webhook-fields";

describe("the webhook secret generator (the form's Generate button and Rotate secret)", () => {
  it("makes whsec_ + base64 of 24 random bytes, accepted by the secret schema, different each time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const secret = generateWebhookSecret();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(24);
      expect(ZWebhookSecretSchema.safeParse(secret).success).toBe(true);
      seen.add(secret);
    }
    expect(seen.size).toBe(50);
  });
});
