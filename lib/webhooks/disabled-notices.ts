import type { WebhookView } from "@/lib/webhooks/webhook-view";

export type DisabledWebhookNotice = {
  webhookId: string;
  url: string;
  /** Why the system disabled it, e.g. "Disabled automatically: every delivery failed for 5 days". */
  reason: string;
  disabledAt: number;
};

/**
 * The in-app notice of the Webhooks tab, read from the list itself so the two never disagree:
 * the webhooks the system disabled (continuous failures, 410 Gone), most recently changed
 * first. One switched off by hand has no reason and is not listed; re-enabling clears the reason.
 */
export function disabledWebhookNotices(webhooks: WebhookView[]): DisabledWebhookNotice[] {
  return webhooks
    .filter((webhook) => !webhook.enabled && webhook.disabledReason !== null)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((webhook) => ({
      webhookId: webhook.id,
      url: webhook.url,
      reason: webhook.disabledReason ?? "",
      disabledAt: webhook.disabledAt ?? webhook.updatedAt,
    }));
}
