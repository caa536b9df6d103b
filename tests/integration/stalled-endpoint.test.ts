import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { recordEvent } from "@/lib/ingest/record-event";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

// An endpoint that hangs holds its two slots; the rows that find no room go back to the table,
// each round of them twice as long as the last (100, 200, 400 ms here, then 400), instead of
// coming back every round at the same short delay. Its first answer resets that.
process.env.DELIVERY_RETRY_SCHEDULE_MS = "50,50,50";
process.env.DELIVERY_JITTER_PERCENT = "0";

const EXTRA = 10;

let receiver: Receiver;
let worker: DeliveryWorker;
let isHanging = true;

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.reply = () => (isHanging ? { hang: true } : { status: 200 });
  worker = startDeliveryWorker({ pollIntervalMs: 25, perEndpointConcurrency: 2, stalledDeferMs: { initialMs: 100, maxMs: 400 } });
});

afterAll(async () => {
  await worker.stop();
  await receiver.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`a stalled endpoint's rows (${testDialect})`, () => {
  it("stay away longer each round while it hangs, and all go out once it answers", async () => {
    const user = await createTestUser();
    const webhook = await createTestWebhook(user.id, { url: `${receiver.url}/stall`, events: ["document.signed"] });
    const payloadJson = JSON.stringify(getSamplePayload("DOCUMENT_SIGNED"));
    const record = () => recordEvent(user.id, { type: "DOCUMENT_SIGNED", payloadJson });
    await record();
    await record();
    await waitUntil(() => receiver.hangingCount() === 2, "both slots hanging");
    await sleep(600); // no answer for longer than the worker's stall threshold

    for (let i = 0; i < EXTRA; i++) await record();
    const claimedBefore = worker.stats().claimed;
    // How long each handed-back row was sent away for, as the release wrote it.
    const deferrals = new Set<number>();
    const until = Date.now() + 2_000;
    while (Date.now() < until) {
      const rows = await getDb()
        .selectFrom("deliveries")
        .select(["next_attempt_at", "updated_at"])
        .where("webhook_id", "=", webhook.id)
        .where("status", "=", "pending")
        .where("locked_until", "is", null)
        .execute();
      for (const row of rows) deferrals.add(Math.round((row.next_attempt_at - row.updated_at) / 50) * 50);
      await sleep(10);
    }
    const claimed = worker.stats().claimed - claimedBefore;

    expect(receiver.hangingCount()).toBe(2);
    expect(Math.min(...deferrals)).toBeLessThanOrEqual(100);
    expect(Math.max(...deferrals)).toBeGreaterThanOrEqual(350);
    expect(Math.max(...deferrals)).toBeLessThanOrEqual(400);
    // At a fixed 100 ms the 8 surplus rows would be claimed ~15 times each in 2 s; doubling
    // to 400 ms, about 5 times.
    expect(claimed).toBeLessThan(8 * 8);

    isHanging = false;
    receiver.releaseHanging();
    await waitUntil(async () => {
      const open = await getDb()
        .selectFrom("deliveries")
        .select("id")
        .where("webhook_id", "=", webhook.id)
        .where("status", "!=", "delivered")
        .execute();
      return open.length === 0;
    }, "every delivery of the endpoint delivered");
  });
});
