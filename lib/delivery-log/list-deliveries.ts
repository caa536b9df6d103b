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
 * An event filter reads the (webhook_id, event_type, created_at, id) index, one range per type.
 */
export async function listDeliveries(
  userId: string,
  webhookId: string,
  query: TListDeliveriesQuery,
): Promise<DeliveryPage | undefined> {
  const webhook = await findWebhookRow(userId, webhookId);
  if (!webhook) return undefined;

  const found = await deliveryPageQuery(userId, webhook.id, query).execute();
  const page = found.slice(0, query.limit);
  const rows = page.map(
    (row): DeliveryListRow => ({
      id: row.id,
      eventId: row.event_id,
      eventType: toDottedName(row.event_type as WireEventName),
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

/**
 * The statement behind one page, one row past it (which tells whether another page exists
 * without a count). Exported so tests can read its plan; `webhookId` must be the user's.
 */
export function deliveryPageQuery(userId: string, webhookId: string, query: TListDeliveriesQuery) {
  const db = getDb();
  let select = db
    .selectFrom("deliveries as d")
    .select([
      "d.id",
      "d.event_id",
      "d.event_type",
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
    .where("d.webhook_id", "=", webhookId)
    .where("d.user_id", "=", userId);

  if (query.status !== "all") select = select.where(isInStateSql(query.status, "d.status"));
  if (query.search) {
    const search = query.search;
    select = select.where((eb) => eb.or([eb("d.id", "=", search), eb("d.event_id", "=", search)]));
  }
  if (query.cursor) {
    const { createdAt, id } = query.cursor;
    select = select.where((eb) => eb(eb.refTuple("d.created_at", "d.id"), "<", eb.tuple(createdAt, id)));
  }

  const take = query.limit + 1;
  const newestFirst = <Q extends typeof select>(q: Q) => q.orderBy("d.created_at", "desc").orderBy("d.id", "desc").limit(take);
  const types = query.events.map((name) => parseEventName(name)!);
  if (types.length === 0) return newestFirst(select);
  if (types.length === 1) return newestFirst(select.where("d.event_type", "=", types[0]));
  // Each type reads its own range of (webhook_id, event_type, created_at, id), newest first,
  // and stops after a page: a rare type costs a page, not a walk through the log. With
  // several types an `in` would read every row of each range and sort them all; the union of
  // per-type pages, sorted once by the database (in the cursor's order), reads a page each.
  const pages = types.map((type, i) =>
    db.selectFrom(newestFirst(select.where("d.event_type", "=", type)).as(`t${i}`)).selectAll(),
  );
  return pages
    .slice(1)
    .reduce((union, page) => union.unionAll(page), pages[0])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(take);
}
