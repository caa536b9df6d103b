import { getDb } from "@/db";
import { newDeliveryRow } from "@/lib/delivery-engine/queue/new-delivery";
import { getDeliveryQueue } from "@/lib/delivery-engine/queue/queue";
import { type DeliveryStateName, deliveryStateOf } from "@/lib/delivery-log/delivery-states";
import { newId } from "@/lib/ids";
import { storedPayloads } from "@/lib/ingest/stored-payloads";
import { toDottedName, type WireEventName } from "@/lib/webhooks/events";
import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { parseStoredEvents } from "@/lib/webhooks/webhook-view";

/** The dialog shows the start of the body; the full one is in the delivery log. */
export const TEST_RESPONSE_BODY_MAX_CHARS = 4_096;

export type TestEventOutcome =
  | {
      pending: false;
      /** The delivery's state once the attempt was written: the log shows the same. */
      state: DeliveryStateName;
      /** When it is tried again, while Failing. */
      nextAttemptAt: number | null;
      succeeded: boolean;
      /** null when no response came (refused, timeout…) or the delivery was cancelled. */
      statusCode: number | null;
      durationMs: number | null;
      responseBody: string | null;
      error: string | null;
    }
  /** No attempt finished within the wait: the log will show it when it does. */
  | { pending: true };

export type SendTestEventResult =
  | { ok: true; deliveryId: string; eventId: string; outcome: TestEventOutcome }
  | { ok: false; code: "not_found" | "not_subscribed"; message: string };

export type SendTestEventOptions = { waitMs?: number; pollMs?: number };

/**
 * Sends the event's sample payload to THIS webhook only: an event row and ONE delivery (logged
 * as 'test'), written in one transaction without the fan-out of recordEvent, so no other
 * webhook of the user receives it. Then waits for the first attempt (polling the log, ~50 ms)
 * and returns what the endpoint answered, or { pending: true } after `waitMs`.
 * A disabled webhook may be tested too (to check it before re-enabling).
 */
export async function sendTestEvent(
  userId: string,
  webhookId: string,
  event: WireEventName,
  { waitMs = 10_000, pollMs = 50 }: SendTestEventOptions = {},
): Promise<SendTestEventResult> {
  const webhook = await findWebhookRow(userId, webhookId);
  if (!webhook) return { ok: false, code: "not_found", message: "Webhook not found" };
  if (!parseStoredEvents(webhook.events).includes(toDottedName(event))) {
    return { ok: false, code: "not_subscribed", message: `This webhook does not listen to ${toDottedName(event)}` };
  }

  const now = Date.now();
  const eventId = newId("evt");
  const delivery = newDeliveryRow({ eventId, eventType: event, webhookId: webhook.id, userId, now, trigger: "test" });
  const deliveryId = delivery.id;
  const queue = getDeliveryQueue();
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto("events")
        .values({
          id: eventId,
          user_id: userId,
          type: event,
          ...storedPayloads(JSON.stringify(getSamplePayload(event)), webhook.include_recipient_tokens === 1),
          idempotency_key: null,
          created_at: now,
        })
        .execute();
      await queue.enqueue(trx, [delivery]);
    });
  queue.enqueued([deliveryId]);

  return { ok: true, deliveryId, eventId, outcome: await waitForFirstAttempt(deliveryId, waitMs, pollMs) };
}

async function waitForFirstAttempt(deliveryId: string, waitMs: number, pollMs: number): Promise<TestEventOutcome> {
  const db = getDb();
  const deadline = Date.now() + waitMs;
  for (;;) {
    // One statement, so the delivery's state and its first attempt are read as one commit
    // wrote them (the attempt and the state change are written together).
    const row = await db
      .selectFrom("deliveries as d")
      .leftJoin("delivery_attempts as a", "a.delivery_id", "d.id")
      .select([
        "d.status",
        "d.next_attempt_at",
        "d.last_error",
        "a.id as attempt_id",
        "a.response_status",
        "a.duration_ms",
        "a.response_body",
        "a.error",
        "a.succeeded",
      ])
      .where("d.id", "=", deliveryId)
      .orderBy("a.started_at", "asc")
      .limit(1)
      .executeTakeFirst();
    // Deleted with its webhook meanwhile: no attempt will come.
    if (!row) return notSent("cancelled", "The delivery was cancelled");
    const state = deliveryStateOf(row.status).name;
    if (row.attempt_id !== null) {
      return {
        pending: false,
        state,
        nextAttemptAt: state === "failing" ? Number(row.next_attempt_at) : null,
        succeeded: row.succeeded === 1,
        statusCode: row.response_status,
        durationMs: row.duration_ms,
        responseBody: row.response_body === null ? null : row.response_body.slice(0, TEST_RESPONSE_BODY_MAX_CHARS),
        error: row.error,
      };
    }
    // Not sent (the webhook was disabled meanwhile): no attempt will come.
    if (state !== "pending") return notSent(state, row.last_error ?? "The delivery was cancelled");
    if (Date.now() >= deadline) return { pending: true };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function notSent(state: DeliveryStateName, error: string): TestEventOutcome {
  return {
    pending: false,
    state,
    nextAttemptAt: null,
    succeeded: false,
    statusCode: null,
    durationMs: null,
    responseBody: null,
    error,
  };
}
