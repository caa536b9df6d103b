import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { countRecoverableAction, recoverDeliveriesAction } from "@/lib/actions/deliveries/recover-deliveries";
import { resendDeliveryAction } from "@/lib/actions/deliveries/resend-delivery";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { countRecoverable, RECOVER_LIMIT, recoverDeliveries } from "@/lib/delivery-log/recover-deliveries";
import { resendDelivery } from "@/lib/delivery-log/resend-delivery";
import { testDialect } from "../helpers/db-info";
import { type FixtureDelivery, fixtureId, insertDeliveries } from "../helpers/deliveries";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

const T = 1_700_000_000_000;
const HOOK = { url: "http://127.0.0.1:9/hook", events: ["document.signed"] };

let user: { id: string; email: string };
let seq = 0;

async function deliveryRow(id: string) {
  return getDb().selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

function fixture(status: FixtureDelivery["status"], createdAt: number, extra: Partial<FixtureDelivery> = {}): FixtureDelivery {
  seq++;
  return {
    id: fixtureId("msg", seq, "rr"),
    eventId: fixtureId("evt", seq, "rr"),
    type: "DOCUMENT_SIGNED",
    status,
    createdAt,
    ...extra,
  };
}

beforeAll(async () => {
  user = await createTestUser();
});

describe(`resend (${testDialect})`, () => {
  let webhookId: string;
  beforeAll(async () => {
    webhookId = (await createTestWebhook(user.id, HOOK)).id;
  });

  it("queues a failed delivery again at once, as manual, its count left as it was", async () => {
    const failed = fixture("failed", T, { attemptCount: 8, lastStatusCode: 500 });
    await insertDeliveries(user.id, webhookId, [failed]);
    const before = Date.now();
    expect(await resendDeliveryAction.withUser(user)({ deliveryId: failed.id })).toEqual({
      ok: true,
      deliveryId: failed.id,
      webhookId,
    });
    const row = await deliveryRow(failed.id);
    expect(row).toMatchObject({
      status: "pending",
      next_trigger: "manual",
      locked_until: null,
      attempt_count: 8,
      resume_at: null,
      last_status_code: 500,
    });
    expect(Number(row.next_attempt_at)).toBeGreaterThanOrEqual(before);
    expect(Number(row.next_attempt_at)).toBeLessThanOrEqual(Date.now());
  });

  it("resends delivered, cancelled and waiting deliveries too, but not one being sent right now", async () => {
    const now = Date.now();
    const delivered = fixture("delivered", T);
    const cancelled = fixture("cancelled", T);
    const leaseExpired = fixture("retrying", T, { lockedUntil: now - 1, nextAttemptAt: now - 5 });
    const inFlight = fixture("retrying", T, { lockedUntil: now + 60_000 });
    await insertDeliveries(user.id, webhookId, [delivered, cancelled, leaseExpired, inFlight]);
    for (const d of [delivered, cancelled]) {
      expect(await resendDelivery(user.id, d.id)).toMatchObject({ ok: true });
      // Finished: it waits as Pending, with no schedule to go back to.
      expect(await deliveryRow(d.id)).toMatchObject({ status: "pending", next_trigger: "manual", resume_at: null });
      expect(await getDelivery(user.id, d.id)).toMatchObject({ state: "pending", isResendQueued: true, nextAttemptAt: null });
    }
    expect(await resendDelivery(user.id, leaseExpired.id)).toMatchObject({ ok: true });
    expect(await deliveryRow(leaseExpired.id)).toMatchObject({ status: "retrying", next_trigger: "manual", locked_until: null });
    expect(await resendDelivery(user.id, inFlight.id)).toMatchObject({ ok: false, code: "in_flight" });
    expect(await deliveryRow(inFlight.id)).toMatchObject({ status: "retrying", next_trigger: null });
  });

  it("keeps a Failing delivery's state, count and scheduled time aside, even when resent twice", async () => {
    const dueAt = Date.now() + 3_600_000;
    const failing = fixture("retrying", T, { attemptCount: 2, nextAttemptAt: dueAt });
    await insertDeliveries(user.id, webhookId, [failing]);
    for (let i = 0; i < 2; i++) {
      expect(await resendDelivery(user.id, failing.id)).toMatchObject({ ok: true });
      const row = await deliveryRow(failing.id);
      expect(row).toMatchObject({ status: "retrying", attempt_count: 2, next_trigger: "manual" });
      // The schedule's time waits in resume_at; the second Resend does not take "now" for it.
      expect(Number(row.resume_at)).toBe(dueAt);
      expect(Number(row.next_attempt_at)).toBeLessThanOrEqual(Date.now());
      // The log says a resend is queued and still shows the schedule's time.
      expect(await getDelivery(user.id, failing.id)).toMatchObject({
        state: "failing",
        isResendQueued: true,
        attemptCount: 2,
        nextAttemptAt: dueAt,
      });
    }
  });

  it("refuses another user's delivery, a disabled webhook's, and bad input", async () => {
    const other = await createTestUser();
    const mine = fixture("failed", T);
    await insertDeliveries(user.id, webhookId, [mine]);
    expect(await resendDeliveryAction.withUser(other)({ deliveryId: mine.id })).toEqual({
      ok: false,
      message: "Delivery not found",
    });
    expect(await deliveryRow(mine.id)).toMatchObject({ status: "failed" });
    expect(await resendDeliveryAction.withUser(user)({ deliveryId: "" })).toMatchObject({
      ok: false,
      fieldErrors: { deliveryId: expect.any(String) },
    });

    const disabledHook = await createTestWebhook(user.id, { ...HOOK, enabled: false });
    const ofDisabled = fixture("failed", T);
    await insertDeliveries(user.id, disabledHook.id, [ofDisabled]);
    expect(await resendDeliveryAction.withUser(user)({ deliveryId: ofDisabled.id })).toEqual({
      ok: false,
      message: expect.stringMatching(/disabled/),
    });
  });
});

describe(`recover (${testDialect})`, () => {
  it("counts and requeues Failing and Failed deliveries since the time, and nothing else", async () => {
    const webhookId = (await createTestWebhook(user.id, HOOK)).id;
    const now = Date.now();
    const before = [fixture("failed", T - 1000)];
    const since = [
      fixture("failed", T),
      fixture("retrying", T + 1, { nextAttemptAt: now + 3_600_000 }),
      fixture("failed", T + 2),
    ];
    const others = [
      fixture("delivered", T + 3),
      fixture("cancelled", T + 4),
      fixture("pending", T + 5),
      // Being sent right now: Recover leaves it to the worker that holds it.
      fixture("retrying", T + 6, { lockedUntil: now + 60_000 }),
    ];
    await insertDeliveries(user.id, webhookId, [...before, ...since, ...others]);
    // Another webhook's failures, same user: untouched.
    const otherHook = (await createTestWebhook(user.id, HOOK)).id;
    const otherFailed = fixture("failed", T + 10);
    await insertDeliveries(user.id, otherHook, [otherFailed]);

    expect(await countRecoverableAction.withUser(user)({ webhookId, since: T })).toEqual({
      ok: true,
      count: 4,
      byState: { failing: 2, failed: 2 },
      isOverLimit: false,
    });
    expect(await countRecoverableAction.withUser(user)({ webhookId, since: new Date(T - 1000).toISOString() })).toMatchObject({
      count: 5,
    });
    expect(await recoverDeliveriesAction.withUser(user)({ webhookId, since: T })).toEqual({ ok: true, recovered: 3 });
    for (const d of since) expect(await deliveryRow(d.id)).toMatchObject({ next_trigger: "manual", locked_until: null });
    // The Failing one keeps its state and its scheduled time aside.
    expect(await deliveryRow(since[1].id)).toMatchObject({ status: "retrying", resume_at: now + 3_600_000 });
    expect(await deliveryRow(before[0].id)).toMatchObject({ status: "failed", next_trigger: null });
    expect((await deliveryRow(others[0].id)).status).toBe("delivered");
    expect(await deliveryRow(others[1].id)).toMatchObject({ status: "cancelled", next_trigger: null });
    expect(await deliveryRow(others[2].id)).toMatchObject({ status: "pending", next_trigger: null });
    expect(await deliveryRow(others[3].id)).toMatchObject({ status: "retrying", next_trigger: null });
    expect(await deliveryRow(otherFailed.id)).toMatchObject({ status: "failed", next_trigger: null });
  });

  it("takes at most 10,000 per run, the oldest first, and says there are more", async () => {
    const webhookId = (await createTestWebhook(user.id, HOOK)).id;
    const failures = Array.from({ length: RECOVER_LIMIT + 50 }, (_, i) => fixture("failed", T + i));
    await insertDeliveries(user.id, webhookId, failures);
    expect(await countRecoverable(user.id, webhookId, T)).toEqual({
      count: RECOVER_LIMIT,
      byState: { failing: 0, failed: RECOVER_LIMIT },
      isOverLimit: true,
    });
    expect(await recoverDeliveries(user.id, webhookId, T)).toEqual({ ok: true, recovered: RECOVER_LIMIT });
    const stillFailed = await getDb()
      .selectFrom("deliveries")
      .select("id")
      .where("webhook_id", "=", webhookId)
      .where("status", "=", "failed")
      .orderBy("created_at")
      .execute();
    expect(stillFailed.map((r) => r.id)).toEqual(failures.slice(RECOVER_LIMIT).map((f) => f.id));
    expect(await countRecoverable(user.id, webhookId, T)).toMatchObject({ count: 50, isOverLimit: false });
    // 10,050 rows to write first: room for a busy machine (not a timing assertion).
  }, 120_000);

  it("is not found for another user's webhook, refuses a disabled webhook and a future or missing time", async () => {
    const webhookId = (await createTestWebhook(user.id, HOOK)).id;
    const failed = fixture("failed", T);
    await insertDeliveries(user.id, webhookId, [failed]);
    const other = await createTestUser();
    expect(await countRecoverableAction.withUser(other)({ webhookId, since: T })).toEqual({
      ok: false,
      message: "Webhook not found",
    });
    expect(await recoverDeliveriesAction.withUser(other)({ webhookId, since: T })).toEqual({
      ok: false,
      message: "Webhook not found",
    });
    expect(await deliveryRow(failed.id)).toMatchObject({ status: "failed" });
    expect(await recoverDeliveriesAction.withUser(user)({ webhookId, since: Date.now() + 60_000 })).toMatchObject({
      ok: false,
      fieldErrors: { since: "The start time must be in the past" },
    });
    expect(await recoverDeliveriesAction.withUser(user)({ webhookId })).toMatchObject({
      ok: false,
      fieldErrors: { since: expect.any(String) },
    });
    expect(await recoverDeliveriesAction.withUser(user)({ webhookId, since: "yesterday-ish" })).toMatchObject({
      ok: false,
      fieldErrors: { since: expect.any(String) },
    });

    await getDb().updateTable("webhooks").set({ enabled: 0 }).where("id", "=", webhookId).execute();
    expect(await recoverDeliveriesAction.withUser(user)({ webhookId, since: T })).toEqual({
      ok: false,
      message: expect.stringMatching(/disabled/),
    });
  });
});
