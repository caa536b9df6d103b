"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { GuardedDialog } from "@/components/ui/guarded-dialog";
import { deleteWebhookAction } from "@/lib/actions/webhooks/delete-webhook";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
import { useWebhookMutation } from "./use-webhook-mutation";

export function WebhookDeleteDialog({
  webhook,
  open,
  onOpenChange,
}: {
  webhook: WebhookView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const mutate = useWebhookMutation();

  async function confirm() {
    setBusy(true);
    setError(undefined);
    const result = await mutate(() => deleteWebhookAction({ id: webhook.id }), "Webhook deleted");
    setBusy(false);
    if (result.ok) onOpenChange(false);
    else setError(result.message);
  }

  return (
    <GuardedDialog
      open={open}
      onOpenChange={(next) => {
        setError(undefined);
        onOpenChange(next);
      }}
      isBusy={isBusy}
      title="Delete webhook?"
      description="Deliveries to this URL stop at once, and its delivery log is deleted with it. This cannot be undone."
    >
      <p className="break-all rounded-md bg-neutral-100 px-3 py-2 font-mono text-sm">{webhook.url}</p>
      <FieldError id="delete-webhook-error" message={error} />
      <fieldset disabled={isBusy}>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant="destructive" onClick={confirm}>
            {isBusy ? "Deleting…" : "Delete"}
          </Button>
        </DialogFooter>
      </fieldset>
    </GuardedDialog>
  );
}
