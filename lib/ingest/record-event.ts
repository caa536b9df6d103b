import { type Insertable, type Kysely, sql } from "kysely";
import { getDb, getDialect } from "@/db";
import type { Database, DeliveriesTable, EventsTable } from "@/db/types";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { DELIVERY_CHANNEL, signalNewDeliveries } from "@/lib/delivery-engine/wake";
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
  let results: RecordEventResult[];
  try {
    results = await recordEventsTogether(group);
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
  if (results.some((result) => result.deliveries > 0)) signalNewDeliveries();
  for (const [index, one] of group.entries()) one.resolve(results[index]);
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
function recordEventsTogether(group: Waiting[]): Promise<RecordEventResult[]> {
  return getDb()
    .transaction()
    .execute((trx) => insertEvents(trx, group));
}

type NewEvent = { userId: string; input: RecordEventInput; now: number };

/**
 * The events and one delivery per enabled webhook of their user subscribed to each, in the
 * caller's transaction (one read of the webhooks, one INSERT of events, of deliveries, and one
 * notify), for a single event and a group alike.
 */
async function insertEvents(trx: Kysely<Database>, items: NewEvent[]): Promise<RecordEventResult[]> {
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
  const deliveries: Insertable<DeliveriesTable>[] = [];
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
  for (let from = 0; from < deliveries.length; from += DELIVERY_ROWS_PER_INSERT) {
    await trx
      .insertInto("deliveries")
      .values(deliveries.slice(from, from + DELIVERY_ROWS_PER_INSERT))
      .execute();
  }
  // Delivered to listening workers in other processes when (and only if) this commits.
  if (deliveries.length > 0 && getDialect() === "postgres") await sql`select pg_notify(${DELIVERY_CHANNEL}, '')`.execute(trx);
  return results;
}

/** 15 columns a row: 1,000 rows stay under SQLite's 32,766 and Postgres's 65,535 parameters. */
const DELIVERY_ROWS_PER_INSERT = 1_000;

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
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      if (input.idempotencyKey) {
        const existing = await trx
          .selectFrom("events")
          .select(["id", "created_at"])
          .where("user_id", "=", userId)
          .where("idempotency_key", "=", input.idempotencyKey)
          .executeTakeFirst();
        if (existing && existing.created_at > now - IDEMPOTENCY_WINDOW_MS) {
          return { id: existing.id, deliveries: await countDeliveries(trx, existing.id), replayed: true };
        }
        // Older than the window: the key is free again; the old event keeps its history.
        if (existing) await trx.updateTable("events").set({ idempotency_key: null }).where("id", "=", existing.id).execute();
      }

      const [recorded] = await insertEvents(trx, [{ userId, input, now }]);
      return recorded;
    });
  if (result.deliveries > 0 && !result.replayed) signalNewDeliveries();
  return result;
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

/** A fresh outbox row: due at once, unclaimed, no attempt yet. The one place its defaults live. */
export function newDeliveryRow({
  eventId,
  eventType,
  webhookId,
  userId,
  now,
  trigger = null,
}: {
  eventId: string;
  eventType: WireEventName;
  webhookId: string;
  userId: string;
  now: number;
  trigger?: "test" | "manual" | null;
}): Insertable<DeliveriesTable> {
  return {
    id: newId("msg"),
    event_id: eventId,
    event_type: eventType,
    webhook_id: webhookId,
    user_id: userId,
    status: "pending",
    attempt_count: 0,
    next_attempt_at: now,
    next_trigger: trigger,
    locked_until: null,
    last_status_code: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
}
