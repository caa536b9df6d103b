// Settings → Webhooks → one webhook: its log, health and actions (404 for anyone but its owner).
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { WebhookDetail } from "@/components/webhook-detail/webhook-detail";
import { requireUser } from "@/lib/auth/session";
import { getWebhookHealth } from "@/lib/delivery-log/get-webhook-health";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { DELIVERY_PAGE_SIZE_DEFAULT } from "@/lib/validation/deliveries";
import { deliveryFiltersToParams, parseDeliveryFilters } from "@/lib/validation/delivery-filters";
import { getWebhookDetail } from "@/lib/webhooks/get-webhook-detail";

type SearchParams = Record<string, string | string[] | undefined>;

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

  // The log's first page for the URL's filters, read as the browser will read them.
  const urlParams = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) for (const one of [value ?? []].flat()) urlParams.append(key, one);
  const { filters } = parseDeliveryFilters(urlParams);
  const filtersKey = deliveryFiltersToParams(filters).toString();
  const [health, page] = await Promise.all([
    getWebhookHealth(user.id, webhook.id),
    listDeliveries(user.id, webhook.id, { ...filters, cursor: undefined, limit: DELIVERY_PAGE_SIZE_DEFAULT }),
  ]);

  // Suspense: the log reads useSearchParams, which needs a boundary in a server-rendered page.
  return (
    <Suspense>
      <WebhookDetail webhook={webhook} initialHealth={health} initialLog={page ? { filtersKey, page } : undefined} />
    </Suspense>
  );
}
