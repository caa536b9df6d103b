// Settings → Webhooks → one webhook: its log, health and actions (404 for anyone but its owner).
import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { WebhookDetail } from "@/components/webhook-detail/webhook-detail";
import { requireUser } from "@/lib/auth/session";
import { getWebhookHealth } from "@/lib/delivery-log/get-webhook-health";
import { getWebhookStats } from "@/lib/delivery-log/get-webhook-stats";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { queryKeys } from "@/lib/queries/query-keys";
import { firstPageOf, serverQueryState } from "@/lib/queries/server-state";
import { DELIVERY_PAGE_SIZE_DEFAULT } from "@/lib/validation/deliveries";
import { parseDeliveryFilters } from "@/lib/validation/delivery-filters";
import { getWebhookDetail } from "@/lib/webhooks/get-webhook-detail";

type SearchParams = Record<string, string | string[] | undefined>;

// Static: naming the webhook would read it a second time for the title alone.
export const metadata: Metadata = { title: "Webhook deliveries" };

export default async function WebhookDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const [{ id }, search, user] = await Promise.all([params, searchParams, requireUser()]);
  const webhook = await getWebhookDetail(user.id, id);
  if (!webhook) notFound();

  // The first paint has data: the header, the health, the chart's 24 h and the log's first page for the URL's
  // filters, read as the browser reads them, under the keys its queries then poll.
  const urlParams = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) for (const one of [value ?? []].flat()) urlParams.append(key, one);
  const { filters } = parseDeliveryFilters(urlParams);
  const [health, stats, page] = await Promise.all([
    getWebhookHealth(user.id, webhook.id),
    getWebhookStats(user.id, webhook.id, "24h"),
    listDeliveries(user.id, webhook.id, { ...filters, cursor: undefined, limit: DELIVERY_PAGE_SIZE_DEFAULT }),
  ]);
  const state = serverQueryState([
    [queryKeys.webhook(webhook.id), webhook],
    [queryKeys.health(webhook.id), health],
    [queryKeys.stats(webhook.id, "24h"), stats],
    [queryKeys.deliveries(webhook.id, filters), firstPageOf(page)],
  ]);

  // Suspense: the log reads useSearchParams, which needs a boundary in a server-rendered page.
  return (
    <HydrationBoundary state={state}>
      <Suspense>
        <WebhookDetail webhookId={webhook.id} />
      </Suspense>
    </HydrationBoundary>
  );
}
