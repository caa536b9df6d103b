"use client";

import { useState } from "react";
import { GuardedDialog } from "@/components/ui/guarded-dialog";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";
import { useActionMutation } from "@/lib/queries/use-action-mutation";
import type { TWebhookFormSchema } from "@/lib/validation/webhook-fields";
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
  const toast = useToast();
  const saving = useActionMutation(save);
  const [isDirty, setDirty] = useState(false);
  return (
    <GuardedDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setDirty(false);
        onOpenChange(next);
      }}
      isDirty={isDirty}
      mutation={saving}
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
          onDirtyChange={setDirty}
          onSubmit={async (values) => {
            const result = await saving.run(values);
            if (result.ok) {
              setDirty(false);
              toast({ title: successTitle });
              onOpenChange(false);
            }
            return result;
          }}
        />
      ) : null}
    </GuardedDialog>
  );
}
