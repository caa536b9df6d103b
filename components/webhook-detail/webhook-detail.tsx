"use client";

import type { WebhookHealth } from "@/lib/delivery-log/get-webhook-health";
import type { WebhookDetailView } from "@/lib/webhooks/get-webhook-detail";
import { DeliveriesLog } from "./deliveries-log";
import type { InitialLog } from "./delivery-queries";
import { HealthStrip } from "./health-strip";
import { WebhookHeader } from "./webhook-header";

/**
 * The webhook detail page: header with actions, 24 h health, live delivery log. Health and the
 * log's first page come rendered from the server, so the page shows data at first paint, then poll.
 */
export function WebhookDetail({
  webhook,
  initialHealth,
  initialLog,
}: {
  webhook: WebhookDetailView;
  initialHealth?: WebhookHealth;
  initialLog?: InitialLog;
}) {
  return (
    <div className="grid grid-cols-1 gap-6">
      <WebhookHeader webhook={webhook} />
      <HealthStrip webhookId={webhook.id} initialHealth={initialHealth} />
      <DeliveriesLog webhookId={webhook.id} subscribedEvents={webhook.events} initialLog={initialLog} />
    </div>
  );
}
