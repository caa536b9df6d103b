import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createWebhookAction } from "@/lib/actions/webhooks/create-webhook";
import { updateWebhookAction } from "@/lib/actions/webhooks/update-webhook";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { testDialect } from "../helpers/db-info";
import { type ReceivedRequest, type Receiver, startReceiver } from "../helpers/receiver";
import { recordManyEvents } from "../helpers/record-many";
import { createTestUser } from "../helpers/users";

// A webhook's own rate limit, set in its form: an endpoint limited to 50 a second is never
// sent more than that, by two workers together, while another webhook of the same user runs at
// the worker's full speed. How close to 50 it runs (within 10%) is a benchmark figure
// (`npm run bench`, "rate-limited endpoint"): a loaded machine's late arrivals can only
// lengthen the run, so this test bounds it from below exactly and from above loosely.

const LIMIT = 50;
const EVENTS = 200;
/** Tokens the shared bucket holds when the first worker comes: two tenths of a second's worth. */
const BURST = 10;

/**
 * Workers that never poll: the limited webhook's handed-back rows must come back through the
 * worker's own wake-up timers (a poll every second would hide a lost one).
 */
const NO_POLLING = { pollIntervalMs: 3_600_000 };

let receiver: Receiver;
const workers: DeliveryWorker[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await receiver.close();
});

describe(`per-webhook rate limit (${testDialect})`, () => {
  it("is a field of the form: stored, shown, changed, and refused when it is not a whole number from 1", async () => {
    const user = await createTestUser();
    const base = { url: "https://example.com/limited", events: ["document.signed"], enabled: true };
    const created = await createWebhookAction.withUser(user)({ ...base, rateLimitPerSecond: 25 });
    expect(created.ok && created.webhook.rateLimitPerSecond).toBe(25);

    for (const bad of [0, -1, 1.5, 10_001, "fast", Number.NaN]) {
      const result = await createWebhookAction.withUser(user)({ ...base, rateLimitPerSecond: bad });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.fieldErrors?.rateLimitPerSecond).toMatch(/whole number of deliveries a second/);
    }
    if (!created.ok) return;
    const cleared = await updateWebhookAction.withUser(user)({ ...base, id: created.webhook.id, rateLimitPerSecond: null });
    expect(cleared.ok).toBe(true);
    const row = await getDb()
      .selectFrom("webhooks")
      .select("rate_limit_per_second")
      .where("id", "=", created.webhook.id)
      .executeTakeFirstOrThrow();
    expect(row.rate_limit_per_second).toBeNull();
    expect(await getDb().selectFrom("webhooks").select("id").where("user_id", "=", user.id).execute()).toHaveLength(1);
  });

  it(`holds a limited endpoint to ${LIMIT}/s across two workers while another runs at full speed`, {
    timeout: 60_000,
  }, async () => {
    const user = await createTestUser();
    const events = ["document.signed"];
    const limited = await createWebhookAction.withUser(user)({
      url: `${receiver.url}/limited`,
      events,
      rateLimitPerSecond: LIMIT,
    });
    const free = await createWebhookAction.withUser(user)({ url: `${receiver.url}/free`, events });
    expect(limited.ok && free.ok).toBe(true);

    await recordManyEvents(user.id, "DOCUMENT_SIGNED", EVENTS);
    const startedAt = Date.now();
    workers.push(startDeliveryWorker(NO_POLLING), startDeliveryWorker(NO_POLLING));

    const isLimited = (request: ReceivedRequest) => request.path === "/limited";
    const freeRequests = await receiver.waitFor(EVENTS, (request) => request.path === "/free", 30_000);
    const limitedRequests = await receiver.waitFor(EVENTS, isLimited, 30_000);

    // No faster than the limit: past the first burst, one delivery per 1/50 s at the most.
    const lastAt = Math.max(...limitedRequests.map((request) => request.arrivedAt));
    const minimumMs = ((EVENTS - BURST) * 1000) / LIMIT;
    expect(lastAt - startedAt).toBeGreaterThanOrEqual(minimumMs);
    // And not held back far below it (the bound only catches a limiter that stalls).
    expect(lastAt - startedAt).toBeLessThan(2 * minimumMs);
    // The unlimited webhook was not paced with the limited one: all of it arrived before the
    // limited one was done (how much sooner is the benchmark's note; load moves it).
    const freeDoneAt = Math.max(...freeRequests.map((request) => request.arrivedAt));
    expect(freeDoneAt).toBeLessThan(lastAt);
    expect(limitedRequests.filter((request) => request.arrivedAt <= freeDoneAt).length).toBeLessThan(EVENTS);
    // Each delivery arrived once.
    expect(new Set(limitedRequests.map((request) => request.headers["webhook-id"])).size).toBe(EVENTS);
  });
});
