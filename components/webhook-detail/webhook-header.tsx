"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TimeText } from "@/components/ui/time-text";
import { useToast } from "@/components/ui/toast";
import { WebhookEditDialog } from "@/components/webhooks/webhook-form-dialog";
import { setWebhookEnabledAction } from "@/lib/actions/webhooks/set-webhook-enabled";
import { useActionMutation } from "@/lib/queries/use-action-mutation";
import type { WebhookDetailView } from "@/lib/webhooks/get-webhook-detail";
import { RecoverDialog } from "./recover-dialog";
import { RotateSecretDialog } from "./rotate-secret-dialog";
import { SecretPanel } from "./secret-panel";
import { TestEventDialog } from "./test-event-dialog";

type OpenDialog = "test" | "edit" | "rotate" | "recover" | null;

function DisabledNotice({
  webhook,
  onEnable,
  isBusy,
}: {
  webhook: WebhookDetailView;
  onEnable: (thenTest: boolean) => void;
  isBusy: boolean;
}) {
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3"
    >
      <div className="grid gap-0.5 text-sm text-amber-950">
        <p className="font-medium">This webhook is disabled: nothing is sent to it.</p>
        <p>
          {webhook.disabledReason ?? "It was turned off by hand."}
          {webhook.disabledAt ? (
            <>
              {" "}
              (<TimeText ms={webhook.disabledAt} show="relative" />)
            </>
          ) : null}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={() => onEnable(true)} disabled={isBusy || webhook.events.length === 0}>
          Re-enable and send a test
        </Button>
        <Button onClick={() => onEnable(false)} disabled={isBusy}>
          {isBusy ? "Enabling…" : "Re-enable"}
        </Button>
      </div>
    </div>
  );
}

/** URL, state, events, secret and the webhook's actions (each change re-reads the page's data). */
export function WebhookHeader({ webhook }: { webhook: WebhookDetailView }) {
  const toast = useToast();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const enabling = useActionMutation(setWebhookEnabledAction);
  // The dialogs are opened by state, not by a Radix trigger, so focus is handed back to the
  // button that opened one by hand once it has closed (keyboard users keep their place).
  const triggers = useRef<Partial<Record<Exclude<OpenDialog, null>, HTMLButtonElement | null>>>({});
  const setOpen = (name: Exclude<OpenDialog, null>, open: boolean) => {
    setDialog(open ? name : null);
    if (!open) setTimeout(() => triggers.current[name]?.focus(), 0);
  };
  const dialogProps = (name: Exclude<OpenDialog, null>) => ({
    open: dialog === name,
    onOpenChange: (open: boolean) => setOpen(name, open),
  });
  const triggerProps = (name: Exclude<OpenDialog, null>) => ({
    ref: (node: HTMLButtonElement | null) => {
      triggers.current[name] = node;
    },
    onClick: () => setOpen(name, true),
  });

  // Enabled first, then tested: the worker sends nothing to a disabled webhook, tests included.
  async function enable(thenTest: boolean) {
    const result = await enabling.run({ id: webhook.id, enabled: true });
    if (!result.ok) return toast({ title: "Could not re-enable", description: result.message, variant: "destructive" });
    toast({
      title: "Webhook enabled",
      description: thenTest ? undefined : "Send a test event to check the endpoint, or recover what failed.",
    });
    if (thenTest) setDialog("test");
  }

  return (
    <Card className="grid gap-4 p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid min-w-0 gap-2">
          <Link href="/settings/webhooks" className="text-sm text-neutral-600 hover:text-neutral-900 hover:underline">
            ← All webhooks
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="break-all font-mono text-base font-semibold">{webhook.url}</h2>
            <Badge variant={webhook.enabled ? "success" : "warning"} className="font-sans">
              {webhook.enabled ? "Enabled" : "Disabled"}
            </Badge>
          </div>
          <div className="flex flex-wrap gap-1" role="group" aria-label="Subscribed events">
            {webhook.events.length > 0 ? (
              webhook.events.map((name) => <Badge key={name}>{name}</Badge>)
            ) : (
              <span className="text-sm text-neutral-600">No events selected</span>
            )}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button {...triggerProps("test")}>Test</Button>
          <Button variant="outline" {...triggerProps("edit")}>
            Edit
          </Button>
          <Button variant="outline" {...triggerProps("recover")}>
            Recover
          </Button>
          <Button variant="outline" {...triggerProps("rotate")}>
            Rotate secret
          </Button>
        </div>
      </div>
      {!webhook.enabled ? <DisabledNotice webhook={webhook} onEnable={enable} isBusy={enabling.isPending} /> : null}
      <div className="grid gap-2 border-t border-neutral-200 pt-4">
        {/* Keyed by updatedAt: a revealed secret is forgotten after a rotation or an edit. */}
        <SecretPanel key={webhook.updatedAt} webhookId={webhook.id} hasSecret={webhook.hasSecret} />
        {webhook.previousSecretExpiresAt ? (
          <p className="text-sm text-amber-900">
            Rotated: the previous secret also signs deliveries until <TimeText ms={webhook.previousSecretExpiresAt} />.
          </p>
        ) : null}
      </div>

      <TestEventDialog webhookId={webhook.id} events={webhook.events} isEnabled={webhook.enabled} {...dialogProps("test")} />
      <WebhookEditDialog webhook={webhook} {...dialogProps("edit")} />
      <RecoverDialog webhookId={webhook.id} {...dialogProps("recover")} />
      <RotateSecretDialog webhookId={webhook.id} {...dialogProps("rotate")} />
    </Card>
  );
}
