import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rotateWebhookSecretAction } from "@/lib/actions/webhooks/rotate-webhook-secret";
import { decryptSecret } from "@/lib/crypto/encryption";
import { buildDeliveryHeaders, signingKeysFor } from "@/lib/delivery-engine/build-request";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

const OLD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const HOUR = 60 * 60 * 1000;

let user: { id: string; email: string };

async function row(id: string) {
  return getDb().selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** What a receiver gets at `now`: headers signed by the worker's own key selection. */
async function signedAt(webhookId: string, now: number) {
  const webhook = await row(webhookId);
  const body = JSON.stringify({ event: "DOCUMENT_SIGNED", payload: { id: 1 } });
  const headers = buildDeliveryHeaders("msg_rotation", Math.floor(now / 1000), body, signingKeysFor(webhook, now));
  return { body, headers };
}

function verifies(secret: string, { body, headers }: { body: string; headers: Record<string, string> }): boolean {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

describe(`secret rotation (${testDialect})`, () => {
  beforeAll(async () => {
    user = await createTestUser();
  });

  it("issues a new whsec_ secret and keeps the old one signing for 24 h", async () => {
    const webhook = await createTestWebhook(user.id, {
      url: "http://127.0.0.1:9/hook",
      events: ["document.signed"],
      secret: OLD_SECRET,
    });
    const now = Date.now();
    const rotated = await rotateWebhookSecret(user.id, webhook.id, now);
    expect(rotated?.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(rotated!.secret.slice(6), "base64")).toHaveLength(24);
    expect(rotated?.previousSecretExpiresAt).toBe(now + 24 * HOUR);

    const stored = await row(webhook.id);
    expect(decryptSecret(stored.secret_encrypted!)).toBe(rotated?.secret);
    expect(decryptSecret(stored.previous_secret_encrypted!)).toBe(OLD_SECRET);

    // Receivers on either secret verify with the official library while the old one is valid
    // (signed at the real time: the library rejects timestamps more than 5 minutes off)…
    const during = await signedAt(webhook.id, Date.now());
    expect(during.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(verifies(rotated!.secret, during)).toBe(true);
    expect(verifies(OLD_SECRET, during)).toBe(true);
    // …and only on the new one after it expired (the grace period's end moved to the past).
    await getDb()
      .updateTable("webhooks")
      .set({ previous_secret_expires_at: Date.now() - 1 })
      .where("id", "=", webhook.id)
      .execute();
    const after = await signedAt(webhook.id, Date.now());
    expect(after.headers["webhook-signature"].split(" ")).toHaveLength(1);
    expect(verifies(rotated!.secret, after)).toBe(true);
    expect(verifies(OLD_SECRET, after)).toBe(false);
  });

  it("a second rotation keeps only the latest old secret; the grace period is configurable", async () => {
    const webhook = await createTestWebhook(user.id, {
      url: "http://127.0.0.1:9/hook",
      events: ["document.signed"],
      secret: OLD_SECRET,
    });
    const first = await rotateWebhookSecret(user.id, webhook.id);
    process.env.SECRET_ROTATION_GRACE_MS = String(5 * 60 * 1000);
    try {
      const now = Date.now();
      const second = await rotateWebhookSecret(user.id, webhook.id, now);
      expect(second?.previousSecretExpiresAt).toBe(now + 5 * 60 * 1000);
      const stored = await row(webhook.id);
      expect(decryptSecret(stored.secret_encrypted!)).toBe(second?.secret);
      expect(decryptSecret(stored.previous_secret_encrypted!)).toBe(first?.secret);
    } finally {
      delete process.env.SECRET_ROTATION_GRACE_MS;
    }
  });

  it("gives a webhook without a secret its first one, with nothing to expire", async () => {
    const webhook = await createTestWebhook(user.id, { url: "http://127.0.0.1:9/hook", events: ["document.signed"] });
    const rotated = await rotateWebhookSecret(user.id, webhook.id);
    expect(rotated).toMatchObject({ secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: null });
    const stored = await row(webhook.id);
    expect(stored.previous_secret_encrypted).toBeNull();
  });

  it("the action rotates only the owner's webhook", async () => {
    const webhook = await createTestWebhook(user.id, {
      url: "http://127.0.0.1:9/hook",
      events: ["document.signed"],
      secret: OLD_SECRET,
    });
    const other = await createTestUser();
    expect(await rotateWebhookSecretAction.withUser(other)({ webhookId: webhook.id })).toEqual({
      ok: false,
      message: "Webhook not found",
    });
    expect(decryptSecret((await row(webhook.id)).secret_encrypted!)).toBe(OLD_SECRET);
    expect(await rotateWebhookSecretAction.withUser(user)({})).toMatchObject({
      ok: false,
      fieldErrors: { webhookId: expect.any(String) },
    });
    const result = await rotateWebhookSecretAction.withUser(user)({ webhookId: webhook.id });
    expect(result).toMatchObject({
      ok: true,
      secret: expect.stringMatching(/^whsec_/),
      previousSecretExpiresAt: expect.any(Number),
    });
  });
});
