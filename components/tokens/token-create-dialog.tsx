"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import * as React from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { createApiTokenAction } from "@/lib/actions/tokens/create-api-token";
import {
  API_TOKEN_NAME_MAX_LENGTH,
  type TCreateApiTokenInput,
  type TCreateApiTokenSchema,
  ZCreateApiTokenSchema,
} from "@/lib/validation/api-token";

type TokenCreateDialogProps = { isOpen: boolean; onOpenChange: (isOpen: boolean) => void; onCloseFocus: () => void };

/**
 * Asks for a name, then shows the new token once, with Copy. Opened by the page's buttons and
 * rendered in one fixed place, so the list refreshing underneath it (the empty state turning
 * into a table) cannot unmount it and lose the token on screen.
 */
export function TokenCreateDialog({ isOpen, onOpenChange: setIsOpen, onCloseFocus }: TokenCreateDialogProps) {
  const [created, setCreated] = React.useState<{ name: string; token: string } | null>(null);
  const form = useForm<TCreateApiTokenInput, unknown, TCreateApiTokenSchema>({
    resolver: zodResolver(ZCreateApiTokenSchema),
    defaultValues: { name: "" },
  });
  const { errors, isSubmitting } = form.formState;

  function onOpenChange(next: boolean) {
    if (isSubmitting) return; // the dialog cannot close while saving
    setIsOpen(next);
    if (!next) {
      // Forget the token on close: it is never shown again.
      setCreated(null);
      form.reset();
    }
  }

  async function onSubmit(values: TCreateApiTokenSchema) {
    const result = await createApiTokenAction(values);
    if (!result.ok) {
      form.setError(result.fieldErrors?.name ? "name" : "root", { message: result.fieldErrors?.name ?? result.message });
      return;
    }
    setCreated({ name: result.token.name, token: result.token.token });
  }

  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogContent
        hideClose={isSubmitting}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          onCloseFocus();
        }}
        // With the token on screen, only "Done" closes: a stray click outside would lose it.
        onInteractOutside={(event) => {
          if (created || isSubmitting) event.preventDefault();
        }}
      >
        {created ? (
          <CreatedTokenView name={created.name} token={created.token} onDone={() => onOpenChange(false)} />
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>Create API token</DialogTitle>
              <DialogDescription>
                A token lets a script or service send events to POST /api/v1/events on your behalf.
              </DialogDescription>
            </DialogHeader>
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
                <FieldError id="token-create-error" message={errors.root?.message} />
                <DialogFooter>
                  <Button variant="outline" onClick={() => onOpenChange(false)}>
                    Cancel
                  </Button>
                  <Button type="submit">{isSubmitting ? "Creating…" : "Create token"}</Button>
                </DialogFooter>
              </fieldset>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}

function CreatedTokenView({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const toast = useToast();
  const inputRef = React.useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      toast({ title: "Token copied" });
    } catch {
      // No clipboard access (e.g. plain http): select it so Ctrl+C works.
      inputRef.current?.select();
      toast({ title: "Press Ctrl+C (⌘C) to copy the selected token" });
    }
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Token “{name}” created</DialogTitle>
        <DialogDescription>Copy it now and keep it somewhere safe.</DialogDescription>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor="created-token">Your new API token</Label>
        <div className="flex gap-2">
          <Input
            ref={inputRef}
            id="created-token"
            readOnly
            value={token}
            className="font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button variant="outline" onClick={copy}>
            Copy
          </Button>
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
