"use client";

import { useState } from "react";
import { GuardedDialog } from "@/components/ui/guarded-dialog";
import type { ActionResult } from "@/lib/actions/result";
import type { TWebhookFormSchema } from "@/lib/validation/webhook-fields";
import { useWebhookMutation } from "./use-webhook-mutation";
import { WebhookForm, type WebhookFormValues } from "./webhook-form";

/** Create and Edit: the form in a dialog that stays open while saving and closes on success. */
export function WebhookFormDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  defaultValues,
  storedSecretOf,
  submitLabel,
  successTitle,
  save,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger?: React.ReactNode;
  title: string;
  description: string;
  defaultValues: WebhookFormValues;
  storedSecretOf?: string;
  submitLabel: string;
  successTitle: string;
  save: (values: TWebhookFormSchema) => Promise<ActionResult>;
}) {
  const [isBusy, setBusy] = useState(false);
  const mutate = useWebhookMutation();
  return (
    <GuardedDialog
      open={open}
      onOpenChange={onOpenChange}
      isBusy={isBusy}
      trigger={trigger}
      size="lg"
      title={title}
      description={description}
    >
      {/* Mounted only while open, so every opening starts from the given values. */}
      {open ? (
        <WebhookForm
          defaultValues={defaultValues}
          storedSecretOf={storedSecretOf}
          submitLabel={submitLabel}
          onBusyChange={setBusy}
          onSubmit={async (values) => {
            const result = await mutate(() => save(values), successTitle);
            if (result.ok) {
              setBusy(false);
              onOpenChange(false);
            }
            return result;
          }}
        />
      ) : null}
    </GuardedDialog>
  );
}
