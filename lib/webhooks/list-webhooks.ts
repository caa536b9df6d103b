import { getDb } from "@/db";
import { getWebhooksActivity, noActivity, type WebhookActivity } from "@/lib/delivery-log/get-webhooks-activity";
import { nextKeysetCursor } from "@/lib/keyset-cursor";
import type { TWebhookPageQuery } from "@/lib/validation/webhook-page";
import { toWebhookDetailView, type WebhookDetailView } from "@/lib/webhooks/get-webhook-detail";
import { toWebhookView, type WebhookView } from "@/lib/webhooks/webhook-view";

function selectUserWebhooks(userId: string) {
  return getDb()
    .selectFrom("webhooks")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc");
}

/** A row of the Webhooks tab: the webhook and its health column. */
export type WebhookListItem = WebhookView & { activity: WebhookActivity };

/** The user's webhooks, newest first, each with its last delivery and 24 h outcomes. */
export async function listWebhooks(userId: string, now = Date.now()): Promise<WebhookListItem[]> {
  const [rows, activity] = await Promise.all([selectUserWebhooks(userId).execute(), getWebhooksActivity(userId, now)]);
  return rows.map((row) => ({ ...toWebhookView(row), activity: activity.get(row.id) ?? noActivity() }));
}

export type WebhookPage = { rows: WebhookDetailView[]; nextCursor: string | null };

/** One page of the user's webhooks, newest first, keyset-paged on (created_at, id): the API's list. */
export async function listWebhooksPage(userId: string, query: TWebhookPageQuery): Promise<WebhookPage> {
  let select = selectUserWebhooks(userId);
  if (query.cursor) {
    const { createdAt, id } = query.cursor;
    select = select.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(createdAt, id)));
  }
  // One row past the page tells whether another page exists without a count.
  const found = await select.limit(query.limit + 1).execute();
  const now = Date.now();
  const rows = found.slice(0, query.limit).map((row) => toWebhookDetailView(row, now));
  return { rows, nextCursor: nextKeysetCursor(rows, found.length, query.limit) };
}
