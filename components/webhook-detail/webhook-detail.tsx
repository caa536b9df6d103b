"use client";

import { Card } from "@/components/ui/card";
import { useWebhook } from "@/lib/queries/webhooks";
import { DeliveriesLog } from "./deliveries-log";
import { DeliveryChart } from "./delivery-chart";
import { HealthStrip } from "./health-strip";
import { LoadError } from "./load-error";
import { WebhookHeader } from "./webhook-header";

/**
 * The webhook detail page: header with actions, 24 h health, the deliveries chart, live
 * delivery log. The server
 * render seeds every query, so the page shows data at first paint, then each one polls.
 */
export function WebhookDetail({ webhookId }: { webhookId: string }) {
  const query = useWebhook(webhookId);
  const webhook = query.data;
  if (!webhook) {
    return query.isError ? (
      <Card className="border-red-200 bg-red-50 px-4 py-3">
        <LoadError what="This webhook" message={query.error.message} onRetry={() => void query.refetch()} />
      </Card>
    ) : (
      <Card role="status" aria-busy="true" aria-label="Loading webhook" className="h-32 animate-pulse bg-neutral-50" />
    );
  }
  return (
    <div className="grid grid-cols-1 gap-6">
      <WebhookHeader webhook={webhook} />
      <HealthStrip webhookId={webhook.id} />
      <DeliveryChart webhookId={webhook.id} />
      <DeliveriesLog webhookId={webhook.id} subscribedEvents={webhook.events} />
    </div>
  );
}
