"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";
import { setWebhookEnabledAction } from "@/lib/actions/webhooks/set-webhook-enabled";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
import { useWebhookMutation } from "./use-webhook-mutation";
import { WEBHOOKS_QUERY_KEY } from "./webhook-query";

/** The row's switch: flips at once (optimistic), flips back with a message if the save fails. */
export function WebhookEnabledSwitch({ webhook }: { webhook: WebhookView }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const mutate = useWebhookMutation();
  const [isSaving, setSaving] = useState(false);

  function setLocal(enabled: boolean) {
    queryClient.setQueryData<WebhookView[]>(WEBHOOKS_QUERY_KEY, (list) =>
      list?.map((w) => (w.id === webhook.id ? { ...w, enabled } : w)),
    );
  }

  async function change(enabled: boolean) {
    setSaving(true);
    setLocal(enabled);
    const result = await mutate(
      () => setWebhookEnabledAction({ id: webhook.id, enabled }),
      enabled ? "Webhook enabled" : "Webhook disabled",
    );
    setSaving(false);
    if (!result.ok) {
      setLocal(!enabled);
      toast({ title: "Could not change the webhook", description: result.message, variant: "destructive" });
    }
  }

  return <Switch checked={webhook.enabled} disabled={isSaving} onCheckedChange={change} aria-label="Enabled" />;
}
