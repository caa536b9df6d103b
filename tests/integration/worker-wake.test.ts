import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { recordEvent } from "@/lib/ingest/record-event";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

// A worker wakes for every retry that comes due before its next poll, not only the earliest:
// with polling off, a second retry due after an earlier one's timer was set must still go out.

let receiver: Receiver;
let worker: DeliveryWorker | undefined;
const saved = { schedule: process.env.DELIVERY_RETRY_SCHEDULE_MS, jitter: process.env.DELIVERY_JITTER_PERCENT };

beforeAll(async () => {
  receiver = await startReceiver();
  // Each webhook's first attempt fails; its retry, 400 ms later, succeeds.
  const seen = new Map<string, number>();
  receiver.reply = (request) => {
    seen.set(request.path, (seen.get(request.path) ?? 0) + 1);
    return seen.get(request.path) === 1 ? { status: 500 } : { status: 200 };
  };
  process.env.DELIVERY_RETRY_SCHEDULE_MS = "400,400";
  process.env.DELIVERY_JITTER_PERCENT = "0";
});

afterAll(async () => {
  await worker?.stop();
  await receiver.close();
  process.env.DELIVERY_RETRY_SCHEDULE_MS = saved.schedule;
  process.env.DELIVERY_JITTER_PERCENT = saved.jitter;
});

describe(`worker wake-ups (${testDialect})`, () => {
  it("retries two deliveries due 150 ms apart without polling", { timeout: 20_000 }, async () => {
    const user = await createTestUser();
    await createTestWebhook(user.id, { url: `${receiver.url}/first`, events: ["document.signed"] });
    const payloadJson = JSON.stringify(getSamplePayload("DOCUMENT_SIGNED"));
    worker = startDeliveryWorker({ pollIntervalMs: 3_600_000 });
    await recordEvent(user.id, { type: "DOCUMENT_SIGNED", payloadJson });
    await receiver.waitFor(1, (request) => request.path === "/first", 5_000);
    // The first retry's timer is set; the second failure comes due 150 ms after it.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await createTestWebhook(user.id, { url: `${receiver.url}/second`, events: ["document.sent"] });
    await recordEvent(user.id, { type: "DOCUMENT_SENT", payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_SENT")) });

    const retried = await receiver.waitFor(2, (request) => request.path === "/second", 10_000);
    expect(retried.map((request) => request.headers["webhook-id"])).toEqual([
      retried[0].headers["webhook-id"],
      retried[0].headers["webhook-id"],
    ]);
    expect(receiver.requests.filter((request) => request.path === "/first")).toHaveLength(2);
  });
});
