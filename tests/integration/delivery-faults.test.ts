import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { recordEvent } from "@/lib/ingest/record-event";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { type Receiver, type Reply, startReceiver } from "../helpers/receiver";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

// Receiver faults, with a short schedule so the whole policy runs in seconds:
// 4 attempts (3 waits of 50 ms), no jitter, 500 ms timeout, 200 ms floor for 429/timeouts.
process.env.DELIVERY_RETRY_SCHEDULE_MS = "50,50,50";
process.env.DELIVERY_JITTER_PERCENT = "0";
process.env.DELIVERY_TIMEOUT_MS = "500";
process.env.DELIVERY_THROTTLE_MIN_DELAY_MS = "200";
process.env.DELIVERY_RETRY_AFTER_MAX_MS = "5000";

let receiver: Receiver;
let worker: DeliveryWorker;
/** Replies per path, in order; the last one repeats. */
const script = new Map<string, Reply[]>();

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.reply = (request) => {
    const replies = script.get(request.path) ?? [{ status: 200 }];
    const seen = receiver.requests.filter((r) => r.path === request.path).length;
    return replies[Math.min(seen - 1, replies.length - 1)];
  };
  worker = startDeliveryWorker({ pollIntervalMs: 25 });
});

afterAll(async () => {
  await worker.stop();
  await receiver.close();
});

async function queueDelivery(path: string, replies: Reply[]) {
  script.set(path, replies);
  const user = await createTestUser();
  const webhook = await createTestWebhook(user.id, {
    url: receiver.url + path,
    events: ["document.signed"],
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  });
  const { id: eventId } = await recordEvent(user.id, {
    type: "DOCUMENT_SIGNED",
    payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_SIGNED")),
  });
  const delivery = await getDb().selectFrom("deliveries").selectAll().where("event_id", "=", eventId).executeTakeFirstOrThrow();
  return { user, webhook, eventId, deliveryId: delivery.id };
}

async function finalDelivery(id: string) {
  return waitUntil(async () => {
    const row = await getDb().selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    return ["delivered", "failed", "cancelled"].includes(row.status) && row.locked_until === null ? row : undefined;
  }, `delivery ${id} to be final`);
}

async function attemptsOf(id: string) {
  return getDb().selectFrom("delivery_attempts").selectAll().where("delivery_id", "=", id).orderBy("attempt_number").execute();
}

const requestsTo = (path: string) => receiver.requests.filter((r) => r.path === path);

describe(`delivery faults (${testDialect})`, () => {
  it("retries a 500 and succeeds on the next attempt with the same webhook-id", async () => {
    const { deliveryId } = await queueDelivery("/500-then-200", [{ status: 500, body: "boom" }, { status: 200 }]);
    const delivery = await finalDelivery(deliveryId);
    expect(delivery).toMatchObject({ status: "delivered", attempt_count: 2, last_status_code: 200, last_error: null });
    const requests = requestsTo("/500-then-200");
    expect(requests.map((r) => r.headers["webhook-id"])).toEqual([deliveryId, deliveryId]);
    expect(requests[0].body).toBe(requests[1].body);
    const attempts = await attemptsOf(deliveryId);
    expect(attempts.map((a) => [a.attempt_number, a.response_status, a.succeeded, a.response_body])).toEqual([
      [1, 500, 0, "boom"],
      [2, 200, 1, ""],
    ]);
  });

  it("waits as long as a 429's Retry-After asks before trying again", async () => {
    const { deliveryId } = await queueDelivery("/429", [{ status: 429, headers: { "retry-after": "1" } }, { status: 204 }]);
    const retrying = await waitUntil(async () => {
      const row = await getDb().selectFrom("deliveries").selectAll().where("id", "=", deliveryId).executeTakeFirstOrThrow();
      return row.status === "retrying" ? row : undefined;
    }, "the first attempt to be recorded");
    const [first] = await attemptsOf(deliveryId);
    expect(first.response_status).toBe(429);
    expect(JSON.parse(first.response_headers!)).toMatchObject({ "retry-after": "1" });
    expect(retrying.next_attempt_at - (first.started_at + first.duration_ms)).toBeGreaterThanOrEqual(1000);
    const delivery = await finalDelivery(deliveryId);
    expect(delivery).toMatchObject({ status: "delivered", attempt_count: 2 });
    const [, second] = await attemptsOf(deliveryId);
    expect(second.started_at).toBeGreaterThanOrEqual(retrying.next_attempt_at);
  });

  it("gives up on an endpoint that hangs past the timeout and retries after the throttle floor", async () => {
    const { deliveryId } = await queueDelivery("/hang", [{ hang: true }, { status: 200 }]);
    const delivery = await finalDelivery(deliveryId);
    expect(delivery).toMatchObject({ status: "delivered", attempt_count: 2 });
    const [first, second] = await attemptsOf(deliveryId);
    expect(first).toMatchObject({ response_status: null, succeeded: 0 });
    expect(first.error).toMatch(/Timed out after 500 ms/);
    expect(first.duration_ms).toBeGreaterThanOrEqual(450);
    // 429s and timeouts wait at least DELIVERY_THROTTLE_MIN_DELAY_MS, not the 50 ms schedule.
    expect(second.started_at - (first.started_at + first.duration_ms)).toBeGreaterThanOrEqual(200);
  });

  it("records a connection reset as a failed attempt and retries", async () => {
    const { deliveryId } = await queueDelivery("/reset", [{ reset: true }, { status: 201 }]);
    const delivery = await finalDelivery(deliveryId);
    expect(delivery).toMatchObject({ status: "delivered", attempt_count: 2, last_status_code: 201 });
    const [first] = await attemptsOf(deliveryId);
    expect(first.response_status).toBeNull();
    expect(first.error).toBeTruthy();
  });

  it("treats a 301 as a failure, never follows it, and fails after the last attempt", async () => {
    const { deliveryId } = await queueDelivery("/moved", [{ status: 301, headers: { location: `/moved-here` } }]);
    const delivery = await finalDelivery(deliveryId);
    expect(delivery).toMatchObject({ status: "failed", attempt_count: 4, last_status_code: 301, last_error: "HTTP 301" });
    expect(requestsTo("/moved")).toHaveLength(4);
    expect(requestsTo("/moved-here")).toHaveLength(0);
    const attempts = await attemptsOf(deliveryId);
    expect(attempts.map((a) => a.response_status)).toEqual([301, 301, 301, 301]);
  });

  it("logs at most 64 KiB of a large response body, and still counts the 2xx", async () => {
    const { deliveryId } = await queueDelivery("/big", [{ status: 200, body: "y".repeat(200_000) }]);
    const delivery = await finalDelivery(deliveryId);
    expect(delivery).toMatchObject({ status: "delivered", attempt_count: 1, last_status_code: 200 });
    const [attempt] = await attemptsOf(deliveryId);
    expect(attempt.response_body).toBe("y".repeat(64 * 1024));
  });

  it("disables the webhook at once on 410 Gone and stops the delivery", async () => {
    const { deliveryId, webhook, user } = await queueDelivery("/gone", [{ status: 410 }]);
    const delivery = await finalDelivery(deliveryId);
    expect(delivery).toMatchObject({ status: "failed", attempt_count: 1, last_status_code: 410 });
    const row = await getDb().selectFrom("webhooks").selectAll().where("id", "=", webhook.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ enabled: 0, disabled_reason: "Endpoint returned 410 Gone" });
    expect(row.disabled_at).not.toBeNull();
    expect(requestsTo("/gone")).toHaveLength(1);
    const next = await recordEvent(user.id, {
      type: "DOCUMENT_SIGNED",
      payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_SIGNED")),
    });
    expect(next.deliveries).toBe(0);
  });

  it("cancels, without sending, a delivery whose webhook was disabled before the attempt; a deleted webhook takes its deliveries along", async () => {
    await worker.stop();
    const disabled = await queueDelivery("/disabled-later", [{ status: 200 }]);
    const deleted = await queueDelivery("/deleted-later", [{ status: 200 }]);
    await getDb().updateTable("webhooks").set({ enabled: 0 }).where("id", "=", disabled.webhook.id).execute();
    await getDb().deleteFrom("webhooks").where("id", "=", deleted.webhook.id).execute();
    worker = startDeliveryWorker({ pollIntervalMs: 25 });

    const delivery = await finalDelivery(disabled.deliveryId);
    expect(delivery).toMatchObject({ status: "cancelled", attempt_count: 0 });
    expect(delivery.last_error).toMatch(/disabled/);
    expect(await attemptsOf(disabled.deliveryId)).toHaveLength(0);
    expect(requestsTo("/disabled-later")).toHaveLength(0);
    const gone = await getDb().selectFrom("deliveries").select("id").where("id", "=", deleted.deliveryId).executeTakeFirst();
    expect(gone).toBeUndefined();
    expect(requestsTo("/deleted-later")).toHaveLength(0);
  });
});
