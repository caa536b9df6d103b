import { type Insertable, type Kysely, sql } from "kysely";
import { getDb, getDialect } from "@/db";
import type { Database, DeliveriesTable } from "@/db/types";
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
 */
export async function recordEvent(userId: string, input: RecordEventInput, now = Date.now()): Promise<RecordEventResult> {
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

      // The webhooks first: whether any of them wants recipients' tokens decides what is stored.
      const webhooks = await trx
        .selectFrom("webhooks")
        .select(["id", "events", "include_recipient_tokens"])
        .where("user_id", "=", userId)
        .where("enabled", "=", 1)
        .execute();
      const subscribed = webhooks.filter((webhook) => (JSON.parse(webhook.events) as string[]).includes(input.type));
      const isTokenWanted = subscribed.some((webhook) => webhook.include_recipient_tokens === 1);

      const eventId = newId("evt");
      await trx
        .insertInto("events")
        .values({
          id: eventId,
          user_id: userId,
          type: input.type,
          ...storedPayloads(input.payloadJson, isTokenWanted),
          idempotency_key: input.idempotencyKey ?? null,
          created_at: now,
        })
        .execute();

      if (subscribed.length > 0) {
        await trx
          .insertInto("deliveries")
          .values(
            subscribed.map((webhook) => newDeliveryRow({ eventId, eventType: input.type, webhookId: webhook.id, userId, now })),
          )
          .execute();
        // Delivered to listening workers in other processes when (and only if) this commits.
        if (getDialect() === "postgres") await sql`select pg_notify(${DELIVERY_CHANNEL}, '')`.execute(trx);
      }
      return { id: eventId, deliveries: subscribed.length, replayed: false };
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
