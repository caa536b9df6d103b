"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { GuardedDialog } from "@/components/ui/guarded-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { TimeText } from "@/components/ui/time-text";
import { rotateWebhookSecretAction } from "@/lib/actions/webhooks/rotate-webhook-secret";
import { useActionMutation } from "@/lib/queries/use-action-mutation";

/**
 * Rotate: warns, rotates, then shows the new secret once with Copy and when the old one stops
 * signing. While the new secret is on screen only "Done" closes it, so it is not lost by a stray click.
 */
export function RotateSecretDialog({
  webhookId,
  open,
  onOpenChange,
}: {
  webhookId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const rotation = useActionMutation(rotateWebhookSecretAction);
  const rotated = rotation.data;
  const isBusy = rotation.isPending;

  return (
    <GuardedDialog
      open={open}
      onOpenChange={onOpenChange}
      mutation={rotation}
      isBusy={rotated !== undefined}
      title={rotated ? "New signing secret" : "Rotate signing secret?"}
      description={
        rotated
          ? "Copy it now and put it in your receiver. You can reveal it again later from this page."
          : "A new secret signs every delivery from now on. Your receiver needs the new secret to verify them."
      }
    >
      {rotated ? (
        <div className="grid gap-4">
          <div className="grid gap-2">
            <Label htmlFor="rotated-secret">Your new secret</Label>
            <div className="flex gap-2">
              <Input
                id="rotated-secret"
                readOnly
                value={rotated.secret}
                className="font-mono text-xs"
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton text={rotated.secret} label="Copy the new secret" what="Secret" />
            </div>
          </div>
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {rotated.previousSecretExpiresAt ? (
              <>
                The old secret keeps signing until <TimeText ms={rotated.previousSecretExpiresAt} />: each delivery carries both
                signatures until then.
              </>
            ) : (
              "This webhook had no secret before: deliveries are signed from now on."
            )}
          </p>
          <DialogFooter>
            <Button onClick={() => onOpenChange(false)}>Done</Button>
          </DialogFooter>
        </div>
      ) : (
        <div className="grid gap-4">
          <p className="text-sm text-neutral-700">
            For a grace period the old secret keeps signing too (both signatures go in{" "}
            <code className="font-mono text-xs">webhook-signature</code>), so a receiver can switch without missing a delivery.{" "}
            <code className="font-mono text-xs">X-Documenso-Signature</code> uses the new secret at once.
          </p>
          <FieldError id="rotate-error" message={rotation.failure} />
          <fieldset disabled={isBusy}>
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">Cancel</Button>
              </DialogClose>
              <Button variant="destructive" onClick={() => void rotation.run({ webhookId })}>
                {isBusy ? "Rotating…" : "Rotate secret"}
              </Button>
            </DialogFooter>
          </fieldset>
        </div>
      )}
    </GuardedDialog>
  );
}
