"use client";

import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { GuardedDialog } from "@/components/ui/guarded-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteWebhookAction } from "@/lib/actions/webhooks/delete-webhook";
import { useActionMutation } from "@/lib/queries/use-action-mutation";
import type { WebhookView } from "@/lib/webhooks/webhook-view";

export function WebhookDeleteDialog({
  webhook,
  open,
  onOpenChange,
}: {
  webhook: WebhookView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const toast = useToast();
  const deletion = useActionMutation(deleteWebhookAction);

  async function confirm() {
    const result = await deletion.run({ id: webhook.id });
    if (!result.ok) return;
    toast({ title: "Webhook deleted" });
    onOpenChange(false);
  }

  return (
    <GuardedDialog
      open={open}
      onOpenChange={onOpenChange}
      mutation={deletion}
      title="Delete webhook?"
      description="Deliveries to this URL stop at once, and its delivery log is deleted with it. This cannot be undone."
    >
      <p className="break-all rounded-md bg-neutral-100 px-3 py-2 font-mono text-sm">{webhook.url}</p>
      <FieldError id="delete-webhook-error" message={deletion.failure} />
      <fieldset disabled={deletion.isPending}>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant="destructive" onClick={confirm}>
            {deletion.isPending ? "Deleting…" : "Delete"}
          </Button>
        </DialogFooter>
      </fieldset>
    </GuardedDialog>
  );
}
