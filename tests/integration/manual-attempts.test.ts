import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { recoverDeliveries } from "@/lib/delivery-log/recover-deliveries";
import { resendDelivery } from "@/lib/delivery-log/resend-delivery";
import { recordEvent } from "@/lib/ingest/record-event";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { fixtureId, insertDeliveries } from "../helpers/deliveries";
import { receiverAndWorkerForFile } from "../helpers/engine-under-test";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

// A manual attempt (Resend, Recover) is an attempt of its own beside the automatic schedule:
// it never moves the schedule's count or its next due time. Real worker, real receiver.

// Two quick scheduled attempts, then an hour's wait: a delivery that fails twice sits at
// "2 of 3, next in 1 h" for the rest of the file. Set before the worker first reads it.
process.env.DELIVERY_RETRY_SCHEDULE_MS = "30,3600000";
process.env.DELIVERY_JITTER_PERCENT = "0";

const engine = receiverAndWorkerForFile();
let user: { id: string; email: string };
/** Per path: the status the receiver answers (500 unless set). */
const answers = new Map<string, number>();

beforeAll(async () => {
  user = await createTestUser();
  engine.receiver.reply = (request) => ({ status: answers.get(request.path) ?? 500, body: "{}" });
});

async function failingTwice(path: string) {
  const webhook = await createTestWebhook(user.id, { url: `${engine.receiver.url}${path}`, events: ["document.sent"] });
  const { id: eventId } = await recordEvent(user.id, {
    type: "DOCUMENT_SENT",
    payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_SENT")),
  });
  // The user's other webhooks listen to the same event: this one's delivery.
  const row = await getDb()
    .selectFrom("deliveries")
    .select("id")
    .where("event_id", "=", eventId)
    .where("webhook_id", "=", webhook.id)
    .executeTakeFirstOrThrow();
  const delivery = await waitUntil(async () => {
    const d = await getDelivery(user.id, row.id);
    return d?.attemptCount === 2 && d.state === "failing" ? d : undefined;
  }, "two failed scheduled attempts");
  return { webhook, delivery };
}

async function afterAttempts(deliveryId: string, count: number) {
  return waitUntil(async () => {
    const d = await getDelivery(user.id, deliveryId);
    return d && d.attempts.length >= count && !d.isResendQueued ? d : undefined;
  }, `attempt ${count}`);
}

describe(`manual attempts beside the schedule (${testDialect})`, () => {
  it("a Resend that fails leaves a Failing delivery at 2 of 3, due when it was", async () => {
    const { delivery } = await failingTwice("/resend-fails");
    expect(delivery).toMatchObject({ attemptCount: 2, maxAttempts: 3, manualAttemptCount: 0 });
    const dueAt = delivery.nextAttemptAt!;
    expect(dueAt).toBeGreaterThan(Date.now() + 3_500_000);

    expect(await resendDelivery(user.id, delivery.id)).toMatchObject({ ok: true });

    const after = await afterAttempts(delivery.id, 3);
    expect(after).toMatchObject({
      state: "failing",
      attemptCount: 2,
      maxAttempts: 3,
      manualAttemptCount: 1,
      nextAttemptAt: dueAt,
      lastStatusCode: 500,
    });
    expect(after.attempts.map((a) => [a.attemptNumber, a.trigger, a.responseStatus])).toEqual([
      [1, "scheduled", 500],
      [2, "scheduled", 500],
      [3, "manual", 500],
    ]);
  });

  it("a Resend that succeeds delivers it, the schedule's count untouched", async () => {
    const { delivery } = await failingTwice("/resend-succeeds");
    answers.set("/resend-succeeds", 200);
    expect(await resendDelivery(user.id, delivery.id)).toMatchObject({ ok: true });
    const delivered = await waitUntil(async () => {
      const d = await getDelivery(user.id, delivery.id);
      return d?.state === "delivered" ? d : undefined;
    }, "the delivered resend");
    expect(delivered).toMatchObject({ attemptCount: 2, manualAttemptCount: 1, nextAttemptAt: null, lastStatusCode: 200 });
    expect(delivered.attempts.at(-1)).toMatchObject({ attemptNumber: 3, trigger: "manual", responseStatus: 200 });
  });

  it("Recover resends a Failing delivery the same way: its schedule stays where it was", async () => {
    const { webhook, delivery } = await failingTwice("/recover-fails");
    const dueAt = delivery.nextAttemptAt!;
    expect(await recoverDeliveries(user.id, webhook.id, 0)).toEqual({ ok: true, recovered: 1 });
    const after = await afterAttempts(delivery.id, 3);
    expect(after).toMatchObject({ state: "failing", attemptCount: 2, manualAttemptCount: 1, nextAttemptAt: dueAt });
  });

  it("a finished delivery resent by hand that fails is Failed: nothing more is scheduled", async () => {
    const webhook = await createTestWebhook(user.id, { url: `${engine.receiver.url}/finished`, events: ["document.sent"] });
    const now = Date.now();
    const failed = { id: fixtureId("msg", 1, "ma"), eventId: fixtureId("evt", 1, "ma") };
    const delivered = { id: fixtureId("msg", 2, "ma"), eventId: fixtureId("evt", 2, "ma") };
    await insertDeliveries(user.id, webhook.id, [
      { ...failed, type: "DOCUMENT_SENT", status: "failed", createdAt: now, attemptCount: 3, lastStatusCode: 500 },
      { ...delivered, type: "DOCUMENT_SENT", status: "delivered", createdAt: now, attemptCount: 1, lastStatusCode: 200 },
    ]);
    for (const { id } of [failed, delivered]) {
      expect(await resendDelivery(user.id, id)).toMatchObject({ ok: true });
    }
    expect(await afterAttempts(failed.id, 1)).toMatchObject({ state: "failed", attemptCount: 3, manualAttemptCount: 1 });
    expect(await afterAttempts(delivered.id, 1)).toMatchObject({ state: "failed", attemptCount: 1, nextAttemptAt: null });
  });

  it("waiting deliveries of a webhook the system disabled are Failed; of one disabled by hand, Cancelled", async () => {
    const now = Date.now();
    const gone = await createTestWebhook(user.id, { url: `${engine.receiver.url}/gone`, events: ["document.sent"] });
    const byHand = await createTestWebhook(user.id, { url: `${engine.receiver.url}/off`, events: ["document.sent"] });
    await getDb()
      .updateTable("webhooks")
      .set({ enabled: 0, disabled_reason: "Endpoint returned 410 Gone", disabled_at: now })
      .where("id", "=", gone.id)
      .execute();
    await getDb().updateTable("webhooks").set({ enabled: 0 }).where("id", "=", byHand.id).execute();
    const ofGone = { id: fixtureId("msg", 3, "ma"), eventId: fixtureId("evt", 3, "ma") };
    const ofByHand = { id: fixtureId("msg", 4, "ma"), eventId: fixtureId("evt", 4, "ma") };
    await insertDeliveries(user.id, gone.id, [{ ...ofGone, type: "DOCUMENT_SENT", status: "retrying", createdAt: now }]);
    await insertDeliveries(user.id, byHand.id, [{ ...ofByHand, type: "DOCUMENT_SENT", status: "pending", createdAt: now }]);

    const stateOf = async (id: string) => (await getDelivery(user.id, id))?.state;
    await waitUntil(async () => (await stateOf(ofGone.id)) === "failed", "the system-disabled webhook's delivery");
    await waitUntil(async () => (await stateOf(ofByHand.id)) === "cancelled", "the hand-disabled webhook's delivery");
    expect((await getDelivery(user.id, ofGone.id))?.attempts).toEqual([]);
    expect(engine.receiver.requests.filter((r) => r.path === "/gone" || r.path === "/off")).toEqual([]);
  });
});
