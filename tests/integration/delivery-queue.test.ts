import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { newDeliveryRow } from "@/lib/delivery-engine/queue/new-delivery";
import {
  type AttemptedDelivery,
  type ClaimedDelivery,
  getDeliveryQueue,
  type Settlement,
} from "@/lib/delivery-engine/queue/queue";
import { newId } from "@/lib/ids";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

// The DeliveryQueue contract, run against the implementation of the database under test
// (vitest runs this file once per dialect): what the worker, ingestion and the log rely on.

const LEASE_MS = 60_000;

function settlement(part: Partial<Settlement>): Settlement {
  return { attempts: [], completed: [], rescheduled: [], failed: [], released: [], cancelled: [], goneWebhookIds: [], ...part };
}

function attempted(row: ClaimedDelivery, lease = row.lease_until): AttemptedDelivery {
  return {
    id: row.id,
    webhook_id: row.webhook_id,
    lease,
    attempt_count: row.attempt_count + 1,
    manual_attempt_count: row.manual_attempt_count,
    last_status_code: 200,
    last_error: null,
  };
}

/** An event and `count` deliveries enqueued in one transaction, as ingestion writes them. */
async function enqueueDeliveries(count: number, now: number) {
  const user = await createTestUser();
  const webhook = await createTestWebhook(user.id, { url: "http://127.0.0.1:9/hook", events: ["document.signed"] });
  const eventId = newId("evt");
  const rows = Array.from({ length: count }, () =>
    newDeliveryRow({ eventId, eventType: "DOCUMENT_SIGNED", webhookId: webhook.id, userId: user.id, now }),
  );
  const queue = getDeliveryQueue();
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto("events")
        .values({ id: eventId, user_id: user.id, type: "DOCUMENT_SIGNED", payload: "{}", idempotency_key: null, created_at: now })
        .execute();
      await queue.enqueue(trx, rows);
    });
  queue.enqueued(rows.map((row) => row.id));
  return { userId: user.id, webhookId: webhook.id, ids: rows.map((row) => row.id) };
}

/** Claims until none of `ids` is left due at `now`, answering only those rows (other files' rows never share this database). */
async function claimOnly(ids: string[], now: number): Promise<ClaimedDelivery[]> {
  const rows = await getDeliveryQueue().claim(100, LEASE_MS, now);
  return rows.filter((row) => ids.includes(row.id));
}

function stored(id: string) {
  return getDb().selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe(`delivery queue contract (${testDialect})`, () => {
  it("claims an enqueued row with its event, its webhook and a lease; a second claim does not get it", async () => {
    const now = Date.now();
    const { ids, webhookId } = await enqueueDeliveries(1, now);
    const [claimed, ...rest] = await claimOnly(ids, now);
    expect(rest).toEqual([]);
    expect(claimed).toMatchObject({ id: ids[0], webhook_id: webhookId, trigger: "scheduled", event_type: "DOCUMENT_SIGNED" });
    expect(claimed.lease_until).toBe(now + LEASE_MS);
    expect(claimed.webhook?.url).toBe("http://127.0.0.1:9/hook");
    expect((await stored(ids[0])).locked_until).toBe(now + LEASE_MS);

    expect(await claimOnly(ids, now + 1)).toEqual([]);
    // Once the lease has lapsed anyone may claim it again: at-least-once.
    const [again] = await claimOnly(ids, now + LEASE_MS + 1);
    expect(again.id).toBe(ids[0]);
  });

  it("completes only while the lease is ours, and logs the attempt either way", async () => {
    const now = Date.now();
    const { ids } = await enqueueDeliveries(1, now);
    const [first] = await claimOnly(ids, now);
    // The first lease lapsed and another worker claimed the row.
    const [second] = await claimOnly(ids, now + LEASE_MS + 1);
    const attempt = {
      id: newId("att"),
      delivery_id: first.id,
      webhook_id: first.webhook_id,
      attempt_number: 1,
      trigger: "scheduled" as const,
      request_url: "http://127.0.0.1:9/hook",
      request_headers: "{}",
      request_body: "{}",
      response_status: 200,
      response_headers: null,
      response_body: null,
      duration_ms: 5,
      error: null,
      succeeded: 1,
      started_at: now,
    };
    await getDeliveryQueue().settle(settlement({ attempts: [attempt], completed: [attempted(first)] }), now + 2);
    const afterStale = await stored(first.id);
    expect(afterStale).toMatchObject({ status: "pending", attempt_count: 0, locked_until: second.lease_until });
    const logged = await getDb().selectFrom("delivery_attempts").select("id").where("delivery_id", "=", first.id).execute();
    expect(logged).toHaveLength(1);

    await getDeliveryQueue().settle(settlement({ completed: [attempted(second)] }), now + LEASE_MS + 2);
    expect(await stored(first.id)).toMatchObject({ status: "delivered", attempt_count: 1, locked_until: null });
  });

  it("reschedules and fails, each only while the lease is ours", async () => {
    const now = Date.now();
    const { ids } = await enqueueDeliveries(3, now);
    const claimed = await claimOnly(ids, now);
    const byId = new Map(claimed.map((row) => [row.id, row]));
    const [retrying, failing, stale] = ids.map((id) => byId.get(id)!);
    await getDeliveryQueue().settle(
      settlement({
        rescheduled: [{ ...attempted(retrying), last_status_code: 500, last_error: "HTTP 500", next_attempt_at: now + 5_000 }],
        failed: [
          { ...attempted(failing), last_status_code: 410, last_error: "HTTP 410" },
          { ...attempted(stale, stale.lease_until - 1), last_error: "HTTP 500" },
        ],
      }),
      now,
    );
    expect(await stored(retrying.id)).toMatchObject({ status: "retrying", next_attempt_at: now + 5_000, locked_until: null });
    expect(await stored(failing.id)).toMatchObject({ status: "failed", last_status_code: 410, locked_until: null });
    expect(await stored(stale.id)).toMatchObject({ status: "pending", locked_until: stale.lease_until });
  });

  it("releases a row unattempted, due at the given time", async () => {
    const now = Date.now();
    const { ids } = await enqueueDeliveries(1, now);
    const [claimed] = await claimOnly(ids, now);
    await getDeliveryQueue().settle(
      settlement({ released: [{ id: claimed.id, lease: claimed.lease_until, next_attempt_at: now + 10_000 }] }),
      now,
    );
    expect(await stored(claimed.id)).toMatchObject({ status: "pending", attempt_count: 0, locked_until: null });
    expect(await claimOnly(ids, now + 9_999)).toEqual([]);
    expect((await claimOnly(ids, now + 10_000)).map((row) => row.id)).toEqual(ids);
  });

  it("cancels a row whose webhook was disabled, and it is not claimed again", async () => {
    const now = Date.now();
    const { ids } = await enqueueDeliveries(1, now);
    const [claimed] = await claimOnly(ids, now);
    await getDeliveryQueue().settle(
      settlement({ cancelled: [{ id: claimed.id, lease: claimed.lease_until, reason: "Webhook disabled before the attempt" }] }),
      now,
    );
    expect(await stored(claimed.id)).toMatchObject({
      status: "cancelled",
      last_error: "Webhook disabled before the attempt",
      locked_until: null,
    });
    expect(await claimOnly(ids, now + LEASE_MS + 1)).toEqual([]);
  });

  it("requeues a finished row as a manual attempt due now, but not a row being sent", async () => {
    const now = Date.now();
    const { ids, userId } = await enqueueDeliveries(2, now);
    const claimed = await claimOnly(ids, now);
    const finished = claimed.find((row) => row.id === ids[0])!;
    await getDeliveryQueue().settle(settlement({ completed: [attempted(finished)] }), now);

    const queue = getDeliveryQueue();
    // ids[1] still holds its live lease: requeueing it would send it twice at once.
    expect(await queue.requeue({ userId, ids }, now + 1)).toBe(1);
    expect(await stored(ids[0])).toMatchObject({ status: "pending", next_trigger: "manual", next_attempt_at: now + 1 });
    expect(await stored(ids[1])).toMatchObject({ next_trigger: null, locked_until: finished.lease_until });
    const [manual] = await claimOnly([ids[0]], now + 1);
    expect(manual.trigger).toBe("manual");
    // Another user's requeue changes nothing.
    const other = await createTestUser();
    expect(await queue.requeue({ userId: other.id, ids }, now + LEASE_MS + 2)).toBe(0);
  });

  it("wakes a listener when rows are enqueued: in this process, and on Postgres by another process's NOTIFY", async () => {
    const queue = getDeliveryQueue();
    let wakes = 0;
    const waiters: { count: number; resolve: () => void }[] = [];
    const wokenTimes = (count: number) =>
      wakes >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }));
    const listener = queue.listen(() => {
      wakes++;
      for (const waiter of waiters.filter((w) => wakes >= w.count)) waiter.resolve();
    });
    try {
      // On Postgres the listener wakes once when its LISTEN is in place; count from there.
      if (testDialect === "postgres") await wokenTimes(1);
      const before = wakes;
      await enqueueDeliveries(1, Date.now());
      await wokenTimes(before + 1); // the after-commit signal of this process
      if (testDialect === "postgres") {
        // Another process's NOTIFY (its own tag) wakes this listener; the echo of this
        // process's own NOTIFY, committed with the rows, must not (the in-process signal has
        // already woken it). The echo comes within milliseconds when it comes at all: after
        // the other process's wake, a moment with no further wake shows it was ignored.
        await sql`select pg_notify('docuhooks_deliveries', 'another-process')`.execute(getDb());
        await wokenTimes(before + 2);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(wakes).toBe(before + 2);
      } else {
        expect(wakes).toBe(before + 1);
      }
    } finally {
      await listener.close();
    }
  });
});
