import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { sendTestEventAction } from "@/lib/actions/webhooks/send-test-event";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { resendDelivery } from "@/lib/delivery-log/resend-delivery";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";
import { testDialect } from "../helpers/db-info";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { sampleWithoutTokens } from "../helpers/samples";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

// End to end with the real worker and a real receiver on 127.0.0.1: "Test" reaches only the
// chosen webhook and reports what it answered; "Resend" makes a new, manual attempt.

let receiver: Receiver;
let worker: DeliveryWorker;
let user: { id: string; email: string };

beforeAll(async () => {
  // A hanging endpoint must not keep the worker's drain (afterAll) waiting 10 s.
  process.env.DELIVERY_TIMEOUT_MS = "1500";
  receiver = await startReceiver();
  receiver.reply = (request) => {
    if (request.path.startsWith("/hang")) return { hang: true };
    if (request.path.startsWith("/failing")) return { status: 500, body: "nope" };
    return { status: 200, headers: { "content-type": "application/json" }, body: '{"received":true}' };
  };
  worker = startDeliveryWorker({ pollIntervalMs: 50 });
  user = await createTestUser();
});

afterAll(async () => {
  await worker.stop();
  await receiver.close();
});

describe(`test events (${testDialect})`, () => {
  it("sends the sample to this webhook only and returns its answer; the log shows a 'test' attempt", async () => {
    const chosen = await createTestWebhook(user.id, {
      url: `${receiver.url}/chosen`,
      events: ["document.signed", "document.sent"],
    });
    await createTestWebhook(user.id, { url: `${receiver.url}/sibling`, events: ["document.signed"] });

    const result = await sendTestEventAction.withUser(user)({ webhookId: chosen.id, event: "document.signed" });
    expect(result).toMatchObject({
      ok: true,
      outcome: {
        pending: false,
        state: "delivered",
        nextAttemptAt: null,
        succeeded: true,
        statusCode: 200,
        responseBody: '{"received":true}',
        error: null,
      },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.outcome.pending === false && result.outcome.durationMs).toEqual(expect.any(Number));

    const chosenRequests = receiver.requests.filter((r) => r.path === "/chosen");
    expect(chosenRequests).toHaveLength(1);
    expect(JSON.parse(chosenRequests[0].body)).toMatchObject({
      event: "DOCUMENT_SIGNED",
      payload: sampleWithoutTokens("DOCUMENT_SIGNED"),
    });
    expect(chosenRequests[0].body).not.toContain('"token"');
    expect(chosenRequests[0].headers["webhook-id"]).toBe(result.deliveryId);
    // One delivery row for the event: the sibling webhook was never queued.
    const rows = await getDb().selectFrom("deliveries").select("webhook_id").where("event_id", "=", result.eventId).execute();
    expect(rows).toEqual([{ webhook_id: chosen.id }]);
    expect(receiver.requests.filter((r) => r.path === "/sibling")).toHaveLength(0);

    const detail = await getDelivery(user.id, result.deliveryId);
    // A test is its own attempt beside the schedule: the schedule's count stays at 0.
    expect(detail).toMatchObject({ state: "delivered", eventType: "document.signed", attemptCount: 0, manualAttemptCount: 1 });
    expect(detail?.attempts.map((a) => [a.trigger, a.responseStatus])).toEqual([["test", 200]]);
  });

  it("reports a failing endpoint's answer (a test is sent once: Failed), and Resend logs a manual attempt", async () => {
    const failing = await createTestWebhook(user.id, { url: `${receiver.url}/failing`, events: ["document.completed"] });
    const result = await sendTestEvent(user.id, failing.id, "DOCUMENT_COMPLETED");
    expect(result).toMatchObject({
      ok: true,
      outcome: {
        pending: false,
        state: "failed",
        nextAttemptAt: null,
        succeeded: false,
        statusCode: 500,
        responseBody: "nope",
      },
    });
    if (!result.ok) throw new Error(result.message);

    // The log says what the dialog said: Failed, nothing scheduled, one attempt of one.
    expect(await getDelivery(user.id, result.deliveryId)).toMatchObject({
      state: "failed",
      nextAttemptAt: null,
      attemptCount: 0,
      manualAttemptCount: 1,
    });
    expect(await resendDelivery(user.id, result.deliveryId)).toMatchObject({ ok: true });
    const detail = await waitUntil(async () => {
      const d = await getDelivery(user.id, result.deliveryId);
      return d && d.attempts.length >= 2 ? d : undefined;
    }, "the manual attempt");
    expect(detail.attempts.slice(0, 2).map((a) => [a.trigger, a.responseStatus, a.attemptNumber])).toEqual([
      ["test", 500, 1],
      ["manual", 500, 2],
    ]);
    expect(detail).toMatchObject({ state: "failed", attemptCount: 0, manualAttemptCount: 2 });
    const sameMessage = receiver.requests.filter((r) => r.headers["webhook-id"] === result.deliveryId);
    expect(sameMessage).toHaveLength(2);
  });

  it("answers pending when no attempt finishes in time", async () => {
    const hanging = await createTestWebhook(user.id, { url: `${receiver.url}/hang`, events: ["document.sent"] });
    const result = await sendTestEvent(user.id, hanging.id, "DOCUMENT_SENT", { waitMs: 200 });
    expect(result).toMatchObject({ ok: true, outcome: { pending: true } });
  });

  it("refuses an event the webhook doesn't listen to, an unknown event, and another user's webhook", async () => {
    const webhook = await createTestWebhook(user.id, { url: `${receiver.url}/chosen`, events: ["document.signed"] });
    expect(await sendTestEventAction.withUser(user)({ webhookId: webhook.id, event: "document.sent" })).toMatchObject({
      ok: false,
      fieldErrors: { event: "This webhook does not listen to document.sent" },
    });
    expect(await sendTestEventAction.withUser(user)({ webhookId: webhook.id, event: "document.exploded" })).toMatchObject({
      ok: false,
      fieldErrors: { event: expect.stringMatching(/Unknown event/) },
    });
    const other = await createTestUser();
    expect(await sendTestEventAction.withUser(other)({ webhookId: webhook.id, event: "document.signed" })).toEqual({
      ok: false,
      message: "Webhook not found",
    });
    const events = await getDb().selectFrom("events").select("id").where("user_id", "=", other.id).execute();
    expect(events).toEqual([]);
  });
});
