import { getDb } from "@/db";
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

/** The user's webhooks, newest first. */
export async function listWebhooks(userId: string): Promise<WebhookView[]> {
  const rows = await selectUserWebhooks(userId).execute();
  return rows.map(toWebhookView);
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
