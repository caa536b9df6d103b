import type { Insertable, Kysely } from "kysely";
import { getDb, getDialect } from "@/db";
import type { Database, EventsTable } from "@/db/types";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { newDeliveryRow } from "@/lib/delivery-engine/queue/new-delivery";
import { getDeliveryQueue, type NewDelivery } from "@/lib/delivery-engine/queue/queue";
import { newId } from "@/lib/ids";
import { storedPayloads } from "@/lib/ingest/stored-payloads";
import type { WireEventName } from "@/lib/webhooks/events";

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export type RecordEventInput = {
  type: WireEventName;
  /** The document's JSON text, already validated, recipients' tokens included; sent unchanged. */
  payloadJson: string;
  idempotencyKey?: string;
};

export type RecordEventResult = { id: string; deliveries: number; replayed: boolean };

/** What insertEvents wrote: each event's answer, and every delivery's id for the queue's after-commit wake. */
type Inserted = { results: RecordEventResult[]; deliveryIds: string[] };

/**
 * Stores the event and one delivery per enabled webhook of the user subscribed to it, in ONE
 * transaction: the delivery rows are the outbox the workers claim from. Returns after commit.
 * The same idempotency key from the same user within 24 h returns the first event's id.
 *
 * Group commit: events without an idempotency key that arrive while earlier ones are being
 * written share the next transaction (one webhooks read, one INSERT of events, one of
 * deliveries, one notify), so a burst costs a few transactions instead of one each. Each
 * caller still returns only once its own event has committed.
 */
export function recordEvent(userId: string, input: RecordEventInput, now = Date.now()): Promise<RecordEventResult> {
  if (input.idempotencyKey) return recordEventAlone(userId, input, now);
  return new Promise((resolve, reject) => {
    waiting.push({ userId, input, now, resolve, reject });
    startGroups();
  });
}

type Waiting = {
  userId: string;
  input: RecordEventInput;
  now: number;
  resolve: (result: RecordEventResult) => void;
  reject: (error: unknown) => void;
};

/** Events per shared transaction at most: its statements stay well under both databases' parameter limits. */
const MAX_GROUP = 100;
const waiting: Waiting[] = [];
let groupsInFlight = 0;

/** SQLite has one connection: a second transaction would only queue behind the first. */
function maxGroupsInFlight(): number {
  return getDialect() === "postgres" ? 4 : 1;
}

function startGroups(): void {
  while (waiting.length > 0 && groupsInFlight < maxGroupsInFlight()) {
    const group = waiting.splice(0, MAX_GROUP);
    groupsInFlight++;
    void commitGroup(group).finally(() => {
      groupsInFlight--;
      startGroups();
    });
  }
}

async function commitGroup(group: Waiting[]): Promise<void> {
  if (group.length === 1) {
    const [one] = group;
    await recordEventAlone(one.userId, one.input, one.now).then(one.resolve, one.reject);
    return;
  }
  let inserted: Inserted;
  try {
    inserted = await recordEventsTogether(group);
  } catch (error) {
    // The database is away: every event of the group gets the same answer at once (a 503),
    // rather than a second wait each for a connection.
    if (isDatabaseUnavailable(error)) {
      for (const one of group) one.reject(error);
      return;
    }
    // Anything else failed the shared transaction: each event gets a transaction of its own,
    // so one event's problem is never another's.
    await Promise.all(group.map((one) => recordEventAlone(one.userId, one.input, one.now).then(one.resolve, one.reject)));
    return;
  }
  if (inserted.deliveryIds.length > 0) getDeliveryQueue().enqueued(inserted.deliveryIds);
  for (const [index, one] of group.entries()) one.resolve(inserted.results[index]);
}

async function recordEventAlone(userId: string, input: RecordEventInput, now: number): Promise<RecordEventResult> {
  try {
    return await recordEventOnce(userId, input, now);
  } catch (error) {
    // Two requests with one key raced: the loser's insert hit the unique index. Its
    // transaction rolled back; the winner's event is the answer.
    if (input.idempotencyKey && isUniqueViolation(error)) {
      const existing = await findByIdempotencyKey(userId, input.idempotencyKey, now);
      if (existing) return existing;
    }
    throw error;
  }
}

/** Events without idempotency keys, possibly of several users, in one transaction. */
function recordEventsTogether(group: Waiting[]): Promise<Inserted> {
  return getDb()
    .transaction()
    .execute((trx) => insertEvents(trx, group));
}

type NewEvent = { userId: string; input: RecordEventInput; now: number };

/**
 * The events and one delivery per enabled webhook of their user subscribed to each, in the
 * caller's transaction (one read of the webhooks, one INSERT of events, and the queue's
 * enqueue of every delivery), for a single event and a group alike.
 */
async function insertEvents(trx: Kysely<Database>, items: NewEvent[]): Promise<Inserted> {
  // The webhooks first: whether any of them wants recipients' tokens decides what is stored.
  const userIds = [...new Set(items.map((item) => item.userId))];
  const webhooks = await trx
    .selectFrom("webhooks")
    .select(["id", "user_id", "events", "include_recipient_tokens"])
    .where("user_id", "in", userIds)
    .where("enabled", "=", 1)
    .execute();
  const subscribable = webhooks.map((webhook) => ({ ...webhook, eventNames: JSON.parse(webhook.events) as string[] }));
  const events: Insertable<EventsTable>[] = [];
  const deliveries: NewDelivery[] = [];
  const results = items.map(({ userId, input, now }) => {
    const subscribed = subscribable.filter((webhook) => webhook.user_id === userId && webhook.eventNames.includes(input.type));
    const isTokenWanted = subscribed.some((webhook) => webhook.include_recipient_tokens === 1);
    const eventId = newId("evt");
    events.push({
      id: eventId,
      user_id: userId,
      type: input.type,
      ...storedPayloads(input.payloadJson, isTokenWanted),
      idempotency_key: input.idempotencyKey ?? null,
      created_at: now,
    });
    for (const webhook of subscribed) {
      deliveries.push(newDeliveryRow({ eventId, eventType: input.type, webhookId: webhook.id, userId, now }));
    }
    return { id: eventId, deliveries: subscribed.length, replayed: false };
  });
  await trx.insertInto("events").values(events).execute();
  await getDeliveryQueue().enqueue(trx, deliveries);
  return { results, deliveryIds: deliveries.map((delivery) => delivery.id) };
}

async function findByIdempotencyKey(userId: string, key: string, now: number): Promise<RecordEventResult | undefined> {
  const db = getDb();
  const event = await db
    .selectFrom("events")
    .select(["id", "created_at"])
    .where("user_id", "=", userId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  if (!event || event.created_at <= now - IDEMPOTENCY_WINDOW_MS) return undefined;
  return { id: event.id, deliveries: await countDeliveries(db, event.id), replayed: true };
}

async function recordEventOnce(userId: string, input: RecordEventInput, now: number): Promise<RecordEventResult> {
  const { results, deliveryIds } = await getDb()
    .transaction()
    .execute(async (trx): Promise<Inserted> => {
      if (input.idempotencyKey) {
        const existing = await trx
          .selectFrom("events")
          .select(["id", "created_at"])
          .where("user_id", "=", userId)
          .where("idempotency_key", "=", input.idempotencyKey)
          .executeTakeFirst();
        if (existing && existing.created_at > now - IDEMPOTENCY_WINDOW_MS) {
          const replay = { id: existing.id, deliveries: await countDeliveries(trx, existing.id), replayed: true };
          return { results: [replay], deliveryIds: [] };
        }
        // Older than the window: the key is free again; the old event keeps its history.
        if (existing) await trx.updateTable("events").set({ idempotency_key: null }).where("id", "=", existing.id).execute();
      }

      return insertEvents(trx, [{ userId, input, now }]);
    });
  if (deliveryIds.length > 0) getDeliveryQueue().enqueued(deliveryIds);
  return results[0];
}

async function countDeliveries(db: Kysely<Database>, eventId: string): Promise<number> {
  const { count } = await db
    .selectFrom("deliveries")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("event_id", "=", eventId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || /UNIQUE constraint failed/.test(e?.message ?? "");
}
