"use client";

import type { WebhookDetailView } from "@/lib/webhooks/detail/get-webhook-detail";
import { DeliveriesLog } from "./deliveries-log";
import { HealthStrip } from "./health-strip";
import { WebhookHeader } from "./webhook-header";

/** The webhook detail page: header with actions, 24 h health, live delivery log. */
export function WebhookDetail({ webhook }: { webhook: WebhookDetailView }) {
  return (
    <div className="grid gap-6">
      <WebhookHeader webhook={webhook} />
      <HealthStrip webhookId={webhook.id} />
      <DeliveriesLog webhookId={webhook.id} subscribedEvents={webhook.events} />
    </div>
  );
}
