import { getDb } from "@/db";
import { type DeliveryProgress, deliveryProgress } from "@/lib/delivery-log/delivery-progress";
import { type DeliveryStateName, deliveryStateOf } from "@/lib/delivery-log/delivery-states";
import { isInStateSql } from "@/lib/delivery-log/status-groups";
import { nextKeysetCursor } from "@/lib/keyset-cursor";
import type { TListDeliveriesQuery } from "@/lib/validation/deliveries";
import { parseEventName, toDottedName, type WireEventName } from "@/lib/webhooks/events";
import { findWebhookRow } from "@/lib/webhooks/find-webhook-row";

export type DeliveryListRow = DeliveryProgress & {
  /** Also the message id receivers see in `webhook-id`. */
  id: string;
  eventId: string;
  /** Dotted, e.g. document.signed. */
  eventType: string;
  /** What the delivery-states vocabulary calls it. */
  state: DeliveryStateName;
  /** HTTP status of the latest attempt; null before any attempt or when none got a response. */
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
};

export type DeliveryPage = {
  rows: DeliveryListRow[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
};

/**
 * One page of a webhook's delivery log, newest first, with keyset paging on (created_at, id).
 * Returns undefined when the webhook is not the user's.
 *
 * `status` is "all" or one delivery state. Every state but Delivered reads a partial index
 * (status-groups.ts), so those tabs stay fast when the log holds millions of delivered rows.
 */
export async function listDeliveries(
  userId: string,
  webhookId: string,
  query: TListDeliveriesQuery,
): Promise<DeliveryPage | undefined> {
  const webhook = await findWebhookRow(userId, webhookId);
  if (!webhook) return undefined;

  let select = getDb()
    .selectFrom("deliveries as d")
    .innerJoin("events as e", "e.id", "d.event_id")
    .select([
      "d.id",
      "d.event_id",
      "e.type",
      "d.status",
      "d.last_status_code",
      "d.last_error",
      "d.attempt_count",
      "d.manual_attempt_count",
      "d.next_attempt_at",
      "d.next_trigger",
      "d.resume_at",
      "d.created_at",
      "d.updated_at",
    ])
    .where("d.webhook_id", "=", webhook.id)
    .where("d.user_id", "=", userId);

  if (query.status !== "all") select = select.where(isInStateSql(query.status, "d.status"));
  if (query.events.length > 0)
    select = select.where(
      "e.type",
      "in",
      query.events.map((name) => parseEventName(name)!),
    );
  if (query.search) {
    const search = query.search;
    select = select.where((eb) => eb.or([eb("d.id", "=", search), eb("d.event_id", "=", search)]));
  }
  if (query.cursor) {
    const { createdAt, id } = query.cursor;
    select = select.where((eb) => eb(eb.refTuple("d.created_at", "d.id"), "<", eb.tuple(createdAt, id)));
  }

  // One row past the page tells whether another page exists without a count.
  const found = await select
    .orderBy("d.created_at", "desc")
    .orderBy("d.id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = found.slice(0, query.limit);
  const rows = page.map(
    (row): DeliveryListRow => ({
      id: row.id,
      eventId: row.event_id,
      eventType: toDottedName(row.type as WireEventName),
      state: deliveryStateOf(row.status).name,
      lastStatusCode: row.last_status_code,
      lastError: row.last_error,
      ...deliveryProgress(row),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    }),
  );
  return { rows, nextCursor: nextKeysetCursor(rows, found.length, query.limit) };
}
