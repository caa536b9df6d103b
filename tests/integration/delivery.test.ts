import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recordEvent } from "@/lib/ingest/record-event";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { receiverAndWorkerForFile } from "../helpers/engine-under-test";
import { sampleWithoutTokens } from "../helpers/samples";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

// End to end through the engine: recordEvent -> worker -> a real HTTP receiver, checked the
// way a receiver would check it (the official standardwebhooks library, unchanged).

const engine = receiverAndWorkerForFile();

async function deliveriesOf(eventId: string) {
  return getDb().selectFrom("deliveries").selectAll().where("event_id", "=", eventId).execute();
}

async function allFinal(eventId: string) {
  const rows = await deliveriesOf(eventId);
  return rows.every((row) => row.status !== "pending" && row.status !== "retrying") ? rows : undefined;
}

describe(`delivery (${testDialect})`, () => {
  it("sends Documenso's exact body with Standard Webhooks and X-Documenso-Signature headers", async () => {
    const user = await createTestUser();
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const url = `${engine.receiver.url}/hooks/signed?source=docuhooks`;
    const webhook = await createTestWebhook(user.id, { url, events: ["document.signed"], secret });
    // What the receiver gets: the sample minus recipients' tokens (the webhook did not ask for them).
    const payload = sampleWithoutTokens("DOCUMENT_SIGNED");

    const { id: eventId, deliveries } = await recordEvent(user.id, {
      type: "DOCUMENT_SIGNED",
      payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_SIGNED")),
    });
    expect(deliveries).toBe(1);
    const [request] = await engine.receiver.waitFor(1, (r) => r.path === "/hooks/signed?source=docuhooks");

    const event = await getDb().selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirstOrThrow();
    const [delivery] = await deliveriesOf(eventId);
    expect(request.method).toBe("POST");
    expect(request.body).toBe(
      `{"event":"DOCUMENT_SIGNED","payload":${JSON.stringify(payload)},"createdAt":"${new Date(event.created_at).toISOString()}","webhookEndpoint":"${url}"}`,
    );
    expect(JSON.parse(request.body)).toEqual({
      event: "DOCUMENT_SIGNED",
      payload,
      createdAt: new Date(event.created_at).toISOString(),
      webhookEndpoint: url,
    });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["user-agent"]).toBe("Docuhooks-Webhooks/1.0");
    expect(request.headers["webhook-id"]).toBe(delivery.id);
    expect(request.headers["webhook-timestamp"]).toMatch(/^\d+$/);
    expect(Object.keys(request.headers)).not.toContain("x-documenso-secret");
    expect(JSON.stringify(request.headers)).not.toContain(secret);

    // What a receiver does with the official library, unchanged.
    const verified = new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
    expect(verified).toEqual(JSON.parse(request.body));
    expect(request.headers["x-documenso-signature"]).toBe(createHmac("sha256", secret).update(request.body).digest("hex"));

    const final = await waitUntil(() => allFinal(eventId), "the delivery to be final");
    expect(final[0]).toMatchObject({ status: "delivered", attempt_count: 1, last_status_code: 200, locked_until: null });
    const attempts = await getDb().selectFrom("delivery_attempts").selectAll().where("delivery_id", "=", delivery.id).execute();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      webhook_id: webhook.id,
      attempt_number: 1,
      trigger: "scheduled",
      request_url: url,
      // Rebuilt from the event on read (request-body-once.test.ts): nothing stored.
      request_body: null,
      response_status: 200,
      response_body: "ok",
      succeeded: 1,
      error: null,
    });
    expect(JSON.parse(attempts[0].request_headers)).toMatchObject({
      "webhook-id": delivery.id,
      "webhook-signature": request.headers["webhook-signature"],
      "x-documenso-signature": request.headers["x-documenso-signature"],
    });
  });

  it("signs with a plain (non-whsec) secret's UTF-8 bytes, verifiable with format raw", async () => {
    const user = await createTestUser();
    const secret = "my plain shared secret";
    await createTestWebhook(user.id, { url: `${engine.receiver.url}/hooks/raw`, events: ["DOCUMENT_COMPLETED"], secret });
    await recordEvent(user.id, {
      type: "DOCUMENT_COMPLETED",
      payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_COMPLETED")),
    });
    const [request] = await engine.receiver.waitFor(1, (r) => r.path === "/hooks/raw");
    expect(() =>
      new Webhook(secret, { format: "raw" }).verify(request.body, request.headers as Record<string, string>),
    ).not.toThrow();
    expect(request.headers["x-documenso-signature"]).toBe(createHmac("sha256", secret).update(request.body).digest("hex"));
  });

  it("signs with the previous secret too while its grace period lasts", async () => {
    const user = await createTestUser();
    const current = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    const previous = "an old plain secret";
    const webhook = await createTestWebhook(user.id, {
      url: `${engine.receiver.url}/hooks/rotated`,
      events: ["DOCUMENT_SENT"],
      secret: current,
    });
    const { encryptSecret } = await import("@/lib/crypto/encryption");
    await getDb()
      .updateTable("webhooks")
      .set({ previous_secret_encrypted: encryptSecret(previous), previous_secret_expires_at: Date.now() + 60_000 })
      .where("id", "=", webhook.id)
      .execute();
    await recordEvent(user.id, { type: "DOCUMENT_SENT", payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_SENT")) });
    const [request] = await engine.receiver.waitFor(1, (r) => r.path === "/hooks/rotated");
    expect(String(request.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    const headers = request.headers as Record<string, string>;
    expect(() => new Webhook(current).verify(request.body, headers)).not.toThrow();
    expect(() => new Webhook(previous, { format: "raw" }).verify(request.body, headers)).not.toThrow();
    // The plain-body HMAC stays on the current secret only.
    expect(headers["x-documenso-signature"]).toBe(createHmac("sha256", current).update(request.body).digest("hex"));
  });

  it("sends no signature headers when the webhook has no secret", async () => {
    const user = await createTestUser();
    await createTestWebhook(user.id, { url: `${engine.receiver.url}/hooks/unsigned`, events: ["DOCUMENT_OPENED"] });
    await recordEvent(user.id, { type: "DOCUMENT_OPENED", payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_OPENED")) });
    const [request] = await engine.receiver.waitFor(1, (r) => r.path === "/hooks/unsigned");
    expect(request.headers["webhook-id"]).toMatch(/^msg_/);
    expect(request.headers["webhook-signature"]).toBeUndefined();
    expect(request.headers["x-documenso-signature"]).toBeUndefined();
  });

  it("sends nothing to disabled, unsubscribed or another user's webhooks", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    await createTestWebhook(user.id, {
      url: `${engine.receiver.url}/fanout/subscribed`,
      events: ["document.completed", "document.signed"],
      secret: "s1",
    });
    await createTestWebhook(user.id, {
      url: `${engine.receiver.url}/fanout/disabled`,
      events: ["document.completed"],
      enabled: false,
      secret: "s2",
    });
    await createTestWebhook(user.id, {
      url: `${engine.receiver.url}/fanout/unsubscribed`,
      events: ["document.signed"],
      secret: "s3",
    });
    await createTestWebhook(other.id, {
      url: `${engine.receiver.url}/fanout/other-user`,
      events: ["document.completed"],
      secret: "s4",
    });

    const { id: eventId, deliveries } = await recordEvent(user.id, {
      type: "DOCUMENT_COMPLETED",
      payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_COMPLETED")),
    });
    expect(deliveries).toBe(1);
    await engine.receiver.waitFor(1, (r) => r.path === "/fanout/subscribed");
    await waitUntil(() => allFinal(eventId), "the delivery to be final");
    const paths = engine.receiver.requests.map((r) => r.path).filter((path) => path.startsWith("/fanout/"));
    expect(paths).toEqual(["/fanout/subscribed"]);
  });
});
