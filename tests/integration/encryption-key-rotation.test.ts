import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { currentKeyId, decryptSecret, keyIdOf } from "@/lib/crypto/encryption";
import { isFullyRotated, rotateStoredSecrets } from "@/lib/crypto/rotate-stored-secrets";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { recordEvent } from "@/lib/ingest/record-event";
import { ZCreateWebhookSchema } from "@/lib/validation/webhook";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { openCustomHeaders } from "@/lib/webhooks/custom-headers";
import { revealWebhookSecret } from "@/lib/webhooks/reveal-webhook-secret";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { restoreEncryptionKeysAfterEach, useEncryptionKeys } from "../helpers/encryption-keys";
import { sealLegacy } from "../helpers/legacy-seal";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { createTestUser } from "../helpers/users";

// Rotating APP_ENCRYPTION_KEY on a live database: every stored secret (webhook secrets,
// previous secrets, custom header values, payloads with recipients' tokens) opens with old
// and new keys during the change, is resealed by the rotation, and opens with the new key
// alone afterwards, as a receiver sees it: a delivery signed and sent with those secrets.

let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver.close();
});

restoreEncryptionKeysAfterEach();

/** Every sealed value stored for these webhooks and events, with its key id. */
async function storedKeyIds(webhookIds: string[], eventIds: string[]): Promise<string[]> {
  const webhooks = await getDb()
    .selectFrom("webhooks")
    .select(["secret_encrypted", "previous_secret_encrypted", "custom_headers"])
    .where("id", "in", webhookIds)
    .execute();
  const events =
    eventIds.length === 0
      ? []
      : await getDb().selectFrom("events").select("payload_with_tokens").where("id", "in", eventIds).execute();
  const sealed = [
    ...webhooks.flatMap((w) => [w.secret_encrypted, w.previous_secret_encrypted]),
    ...webhooks.flatMap((w) =>
      w.custom_headers ? (JSON.parse(w.custom_headers) as { value: string }[]).map((h) => h.value) : [],
    ),
    ...events.map((e) => e.payload_with_tokens),
  ].filter((value): value is string => value !== null);
  return sealed.map(keyIdOf);
}

async function webhookWithEverything(userId: string, url: string) {
  const input = ZCreateWebhookSchema.parse({
    url,
    events: ["document.signed"],
    secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
    includeRecipientTokens: true,
    customHeaders: [{ name: "Authorization", value: "Bearer receiver-api-key" }],
  });
  const created = await createWebhook(userId, input);
  if (!created.ok) throw new Error(created.code);
  return created.webhook.id;
}

describe(`encryption key rotation (${testDialect})`, () => {
  it("reseals every stored secret, after which the old key can be dropped", async () => {
    useEncryptionKeys("the old key");
    const user = await createTestUser();
    const webhookId = await webhookWithEverything(user.id, `${receiver.url}/rotated-key`);
    const oldSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    const rotated = await rotateWebhookSecret(user.id, webhookId);
    const newSecret = rotated!.secret;
    // A webhook whose secret was sealed before key ids existed.
    const legacyId = await webhookWithEverything(user.id, `${receiver.url}/legacy`);
    await getDb()
      .updateTable("webhooks")
      .set({ secret_encrypted: sealLegacy("legacy secret", "the old key"), enabled: 0 })
      .where("id", "=", legacyId)
      .execute();
    const payloadJson = JSON.stringify(getSamplePayload("DOCUMENT_SIGNED"));
    const event = await recordEvent(user.id, { type: "DOCUMENT_SIGNED", payloadJson });
    const oldKeyId = currentKeyId();
    expect(new Set(await storedKeyIds([webhookId], [event.id]))).toEqual(new Set([oldKeyId]));

    // During the change: both keys open everything, new values are sealed with the new key.
    useEncryptionKeys("the new key", "the old key");
    const newKeyId = currentKeyId();
    expect(await revealWebhookSecret(user.id, webhookId)).toEqual({ secret: newSecret });
    expect(await revealWebhookSecret(user.id, legacyId)).toEqual({ secret: "legacy secret" });
    const addedDuringChange = await webhookWithEverything(user.id, `${receiver.url}/added-during-change`);
    expect(new Set(await storedKeyIds([addedDuringChange], []))).toEqual(new Set([newKeyId]));

    const report = await rotateStoredSecrets();
    expect(isFullyRotated(report)).toBe(true);
    const byColumn = Object.fromEntries(report.columns.map((c) => [c.column, c]));
    // Two webhooks had old-key values and one was already under the new key.
    expect(byColumn["webhooks.secret_encrypted"]).toMatchObject({ resealed: 2, current: 1, unreadable: [] });
    expect(byColumn["webhooks.previous_secret_encrypted"]).toMatchObject({ resealed: 1, current: 0 });
    expect(byColumn["webhooks.custom_headers"]).toMatchObject({ resealed: 2, current: 1 });
    expect(byColumn["events.payload_with_tokens"]).toMatchObject({ resealed: 1, current: 0 });
    expect(new Set(await storedKeyIds([webhookId, legacyId, addedDuringChange], [event.id]))).toEqual(new Set([newKeyId]));
    // A second run finds nothing left to do.
    const again = await rotateStoredSecrets();
    expect(again.columns.every((c) => c.resealed === 0)).toBe(true);

    // The old key is dropped: every secret still opens, and a delivery goes out signed with them.
    useEncryptionKeys("the new key");
    expect(await revealWebhookSecret(user.id, webhookId)).toEqual({ secret: newSecret });
    expect(await revealWebhookSecret(user.id, legacyId)).toEqual({ secret: "legacy secret" });
    const row = await getDb().selectFrom("webhooks").selectAll().where("id", "=", webhookId).executeTakeFirstOrThrow();
    expect(openCustomHeaders(row.custom_headers)).toEqual([{ name: "Authorization", value: "Bearer receiver-api-key" }]);
    expect(decryptSecret(row.previous_secret_encrypted!)).toBe(oldSecret);
    const stored = await getDb()
      .selectFrom("events")
      .select("payload_with_tokens")
      .where("id", "=", event.id)
      .executeTakeFirstOrThrow();
    expect(decryptSecret(stored.payload_with_tokens!)).toBe(payloadJson);

    const worker: DeliveryWorker = startDeliveryWorker({ pollIntervalMs: 50 });
    try {
      const [request] = await receiver.waitFor(1, (r) => r.path === "/rotated-key");
      const headers = request.headers as Record<string, string>;
      expect(() => new Webhook(newSecret).verify(request.body, headers)).not.toThrow();
      expect(() => new Webhook(oldSecret).verify(request.body, headers)).not.toThrow();
      expect(headers.authorization).toBe("Bearer receiver-api-key");
      expect(JSON.parse(request.body).payload).toEqual(JSON.parse(payloadJson));
    } finally {
      await worker.stop();
    }
  });
});
