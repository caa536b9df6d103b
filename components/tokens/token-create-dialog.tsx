"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { SCOPE_LABELS } from "@/components/tokens/scope-labels";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { GuardedDialog } from "@/components/ui/guarded-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/actions/result";
import { createApiTokenAction } from "@/lib/actions/tokens/create-api-token";
import { type ActionMutation, useActionMutation } from "@/lib/queries/use-action-mutation";
import type { CreatedApiToken } from "@/lib/tokens/create-api-token";
import {
  API_TOKEN_NAME_MAX_LENGTH,
  type API_TOKEN_SCOPES,
  type TCreateApiTokenInput,
  type TCreateApiTokenSchema,
  ZCreateApiTokenSchema,
} from "@/lib/validation/api-token";

type TokenCreateDialogProps = { isOpen: boolean; onOpenChange: (isOpen: boolean) => void; onCloseFocus: () => void };

/**
 * Asks for a name, then shows the new token once, with Copy. Opened by the page's buttons and
 * rendered in one fixed place, so the list refreshing underneath it (the empty state turning
 * into a table) cannot unmount it and lose the token on screen. With the token on screen only
 * "Done" closes it; closing forgets the token (the dialog's mutation is reset).
 */
export function TokenCreateDialog({ isOpen, onOpenChange, onCloseFocus }: TokenCreateDialogProps) {
  const creation = useActionMutation(createApiTokenAction);
  const created = creation.data?.token;
  return (
    <GuardedDialog
      open={isOpen}
      onOpenChange={onOpenChange}
      mutation={creation}
      isBusy={created !== undefined}
      title={created ? `Token “${created.name}” created` : "Create API token"}
      description={
        created
          ? "Copy it now and keep it somewhere safe."
          : "A token lets a script or service send events and manage your webhooks through the API, on your behalf."
      }
      onCloseAutoFocus={(event) => {
        event.preventDefault();
        onCloseFocus();
      }}
    >
      {created ? (
        <CreatedToken token={created} onDone={() => onOpenChange(false)} />
      ) : (
        // Mounted only while the form shows, so each opening starts with an empty name.
        <TokenNameForm creation={creation} onCancel={() => onOpenChange(false)} />
      )}
    </GuardedDialog>
  );
}

const SCOPE_CHOICES: { scope: (typeof API_TOKEN_SCOPES)[number]; label: string; hint: string }[] = [
  {
    scope: "write",
    label: SCOPE_LABELS.write,
    hint: "Sends events (POST /api/v1/events) and creates, changes and deletes webhooks.",
  },
  { scope: "read", label: SCOPE_LABELS.read, hint: "Reads webhooks and delivery logs; every change is refused (403)." },
];

function TokenNameForm({
  creation,
  onCancel,
}: {
  creation: ActionMutation<unknown, { token: CreatedApiToken }>;
  onCancel: () => void;
}) {
  const form = useForm<TCreateApiTokenInput, unknown, TCreateApiTokenSchema>({
    resolver: zodResolver(ZCreateApiTokenSchema),
    defaultValues: { name: "", scope: "write" },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: TCreateApiTokenSchema) {
    const result: ActionResult = await creation.run(values);
    if (!result.ok) {
      form.setError(result.fieldErrors?.name ? "name" : "root", { message: result.fieldErrors?.name ?? result.message });
    }
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-4">
        <TextField
          id="token-name"
          label="Token name"
          placeholder="e.g. Production CRM"
          maxLength={API_TOKEN_NAME_MAX_LENGTH}
          autoComplete="off"
          hint="So you can tell your tokens apart later."
          error={errors.name?.message}
          {...form.register("name")}
        />
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium leading-none">Access</legend>
          {SCOPE_CHOICES.map((choice) => (
            <label key={choice.scope} className="flex items-start gap-2 text-sm">
              <input type="radio" value={choice.scope} className="mt-0.5" {...form.register("scope")} />
              <span className="grid gap-0.5">
                <span className="font-medium">{choice.label}</span>
                <span className="text-xs text-neutral-500">{choice.hint}</span>
              </span>
            </label>
          ))}
          <FieldError id="token-scope-error" message={errors.scope?.message} />
        </fieldset>
        <FieldError id="token-create-error" message={errors.root?.message} />
        <DialogFooter>
          <Button variant="outline" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit">{isSubmitting ? "Creating…" : "Create token"}</Button>
        </DialogFooter>
      </fieldset>
    </form>
  );
}

function CreatedToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  return (
    <>
      <div className="grid gap-2">
        <Label htmlFor="created-token">Your new API token</Label>
        <div className="flex gap-2">
          <Input
            id="created-token"
            readOnly
            value={token.token}
            className="font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton text={token.token} label="Copy the new token" what="Token" />
        </div>
      </div>
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
        This token won’t be shown again. If you lose it, revoke it and create a new one.
      </p>
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </>
  );
}
