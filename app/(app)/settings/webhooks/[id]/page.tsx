// Settings → Webhooks → one webhook: its log, health and actions (404 for anyone but its owner).
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { filtersFromParams, filtersToParams } from "@/components/webhook-detail/delivery-filters";
import { WebhookDetail } from "@/components/webhook-detail/webhook-detail";
import { requireUser } from "@/lib/auth/session";
import { getWebhookHealth } from "@/lib/delivery-log/get-webhook-health";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { listDeliveriesQueryFromSearchParams } from "@/lib/validation/deliveries";
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
  const filtersKey = filtersToParams(filtersFromParams(urlParams)).toString();
  const query = listDeliveriesQueryFromSearchParams(new URLSearchParams(filtersKey));
  const [health, page] = await Promise.all([
    getWebhookHealth(user.id, webhook.id),
    query.success ? listDeliveries(user.id, webhook.id, query.data) : undefined,
  ]);

  // Suspense: the log reads useSearchParams, which needs a boundary in a server-rendered page.
  return (
    <Suspense>
      <WebhookDetail webhook={webhook} initialHealth={health} initialLog={page ? { filtersKey, page } : undefined} />
    </Suspense>
  );
}
