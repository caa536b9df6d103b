"use client";

import { updateWebhookAction } from "@/lib/actions/webhooks/update-webhook";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
import { WebhookFormDialog } from "./webhook-form-dialog";

export function WebhookEditDialog({
  webhook,
  ...props
}: {
  webhook: WebhookView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <WebhookFormDialog
      {...props}
      title="Edit webhook"
      description="Changes apply from the next delivery attempt."
      defaultValues={{
        url: webhook.url,
        events: webhook.events,
        secret: "",
        enabled: webhook.enabled,
        sendSecretHeader: webhook.sendSecretHeader,
        includeRecipientTokens: webhook.includeRecipientTokens,
        customHeaders: webhook.customHeaderNames.map((name) => ({ name })),
      }}
      storedSecretOf={webhook.hasSecret ? webhook.id : undefined}
      submitLabel="Save changes"
      successTitle="Webhook updated"
      save={(values) => updateWebhookAction({ ...values, id: webhook.id })}
    />
  );
}
