"use client";

import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";
import { setWebhookEnabledAction } from "@/lib/actions/webhooks/set-webhook-enabled";
import { useActionMutation } from "@/lib/queries/use-action-mutation";
import type { WebhookView } from "@/lib/webhooks/webhook-view";

/** The row's switch: shows the new state at once, then the saved one (the old one if the save failed, with why). */
export function WebhookEnabledSwitch({ webhook }: { webhook: WebhookView }) {
  const toast = useToast();
  const setEnabled = useActionMutation((input: { id: string; enabled: boolean }) => setWebhookEnabledAction(input));

  async function change(enabled: boolean) {
    const result = await setEnabled.run({ id: webhook.id, enabled });
    toast(
      result.ok
        ? { title: enabled ? "Webhook enabled" : "Webhook disabled" }
        : { title: "Could not change the webhook", description: result.message, variant: "destructive" },
    );
  }

  return (
    <Switch
      checked={setEnabled.variables?.enabled ?? webhook.enabled}
      disabled={setEnabled.isPending}
      onCheckedChange={change}
      aria-label="Enabled"
    />
  );
}
