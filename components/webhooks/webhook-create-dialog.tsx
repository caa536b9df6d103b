"use client";

import { createWebhookAction } from "@/lib/actions/webhooks/create-webhook";
import { WebhookFormDialog } from "./webhook-form-dialog";

/** Controlled by the tab, so both the header button and the empty state can open it. */
export function WebhookCreateDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; trigger?: React.ReactNode }) {
  return (
    <WebhookFormDialog
      {...props}
      title="Create Webhook"
      description="Choose where to send events and which ones. Each request is signed with the secret."
      defaultValues={{
        url: "",
        events: [],
        secret: "",
        enabled: true,
        sendSecretHeader: false,
        includeRecipientTokens: false,
        customHeaders: [],
      }}
      submitLabel="Create Webhook"
      successTitle="Webhook created"
      save={createWebhookAction}
    />
  );
}
