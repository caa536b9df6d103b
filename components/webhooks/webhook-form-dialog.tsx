"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { GuardedDialog } from "@/components/ui/guarded-dialog";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";
import { createWebhookAction } from "@/lib/actions/webhooks/create-webhook";
import { updateWebhookAction } from "@/lib/actions/webhooks/update-webhook";
import { useActionMutation } from "@/lib/queries/use-action-mutation";
import { type TWebhookFormInput, type TWebhookFormSchema, ZWebhookFormSchema } from "@/lib/validation/webhook-fields";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
import { WebhookDocumensoOptions } from "./webhook-documenso-options";
import { WebhookEventsField } from "./webhook-events-field";
import { WebhookHeadersField } from "./webhook-headers-field";
import { WebhookSecretField } from "./webhook-secret-field";

// Create Webhook and Edit webhook: one form in one dialog, so the whole path from the button
// to the server action reads in this file.

/** "Create Webhook": controlled by the tab, so both the header button and the empty state can open it. */
export function WebhookCreateDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; trigger?: React.ReactNode }) {
  return (
    <WebhookFormDialog
      {...props}
      title="Create Webhook"
      description="Choose where to send events and which ones. Each request is signed with the secret."
      defaultValues={{
        url: "",
        events: [],
        secret: "",
        enabled: true,
        sendSecretHeader: false,
        includeRecipientTokens: false,
        customHeaders: [],
        rateLimitPerSecond: null,
      }}
      submitLabel="Create Webhook"
      successTitle="Webhook created"
      save={createWebhookAction}
    />
  );
}

/** "Edit" on a row and on the detail page: the stored values, the secret kept unless touched. */
export function WebhookEditDialog({
  webhook,
  ...props
}: {
  webhook: WebhookView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <WebhookFormDialog
      {...props}
      title="Edit webhook"
      description="Changes apply from the next delivery attempt."
      defaultValues={{
        url: webhook.url,
        events: webhook.events,
        secret: "",
        enabled: webhook.enabled,
        sendSecretHeader: webhook.sendSecretHeader,
        includeRecipientTokens: webhook.includeRecipientTokens,
        customHeaders: webhook.customHeaderNames.map((name) => ({ name })),
        rateLimitPerSecond: webhook.rateLimitPerSecond,
      }}
      storedSecretOf={webhook.hasSecret ? webhook.id : undefined}
      submitLabel="Save changes"
      successTitle="Webhook updated"
      save={(values) => updateWebhookAction({ ...values, id: webhook.id })}
    />
  );
}

/** Create and Edit: the form in a dialog that stays open while saving and closes on success. */
function WebhookFormDialog({
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

/** Focuses the first field the server rejected (or scrolls its general error) into view. */
function showProblem(field: (typeof FIELDS)[number] | "root") {
  const target = FIELD_ELEMENT_IDS[field] ? document.getElementById(FIELD_ELEMENT_IDS[field]) : null;
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  if (target instanceof HTMLInputElement || target instanceof HTMLButtonElement) target.focus();
}

/** The rate limit's text box: empty is no limit; anything else must parse as a number (zod checks the rest). */
function rateLimitFromText(value: unknown): number | null {
  if (value === null || value === undefined || typeof value === "number") return (value as number | null) ?? null;
  const text = String(value).trim();
  return text === "" ? null : Number(text);
}

type WebhookFormValues = {
  url: string;
  events: string[];
  secret: string;
  enabled: boolean;
  sendSecretHeader: boolean;
  includeRecipientTokens: boolean;
  /** A saved header comes without its value: undefined keeps the stored one. */
  customHeaders: { name: string; value?: string }[];
  rateLimitPerSecond: number | null;
};

const FIELDS = [
  "url",
  "events",
  "secret",
  "enabled",
  "sendSecretHeader",
  "includeRecipientTokens",
  "customHeaders",
  "rateLimitPerSecond",
] as const;

// Where each field's problem is shown (its input, or its error line when it has several inputs).
const FIELD_ELEMENT_IDS: Partial<Record<(typeof FIELDS)[number] | "root", string>> = {
  url: "url",
  events: "events-error",
  secret: "secret",
  sendSecretHeader: "sendSecretHeader",
  includeRecipientTokens: "includeRecipientTokens",
  rateLimitPerSecond: "rateLimitPerSecond",
  enabled: "webhook-form-error",
  root: "webhook-form-error",
};

/**
 * The Create and Edit form. Validates with the same schema as the server action; the server's
 * field errors land under the same fields. `storedSecretOf` (edit) keeps the stored secret
 * unless the user touches the Secret field.
 */
function WebhookForm({
  defaultValues,
  storedSecretOf,
  submitLabel,
  onDirtyChange,
  onSubmit,
}: {
  defaultValues: WebhookFormValues;
  storedSecretOf?: string;
  submitLabel: string;
  /** Told when the form gains or loses unsaved edits, so its dialog can ask before discarding them. */
  onDirtyChange?: (isDirty: boolean) => void;
  onSubmit: (values: TWebhookFormSchema) => Promise<ActionResult>;
}) {
  const form = useForm<TWebhookFormInput, unknown, TWebhookFormSchema>({
    resolver: zodResolver(ZWebhookFormSchema),
    defaultValues,
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const [isSecretTouched, setSecretTouched] = useState(false);
  useEffect(() => onDirtyChange?.(isDirty || isSecretTouched), [onDirtyChange, isDirty, isSecretTouched]);
  const [problem, setProblem] = useState<(typeof FIELDS)[number] | "root" | null>(null);
  // Focus waits for the fieldset to be enabled again: a disabled field cannot take focus.
  useEffect(() => {
    if (!problem || isSubmitting) return;
    showProblem(problem);
    setProblem(null);
  }, [problem, isSubmitting]);

  async function submit(values: TWebhookFormSchema) {
    const isSecretKept = !!storedSecretOf && !isSecretTouched;
    const result = await onSubmit(isSecretKept ? { ...values, secret: undefined } : values);
    if (result.ok) return;
    const fieldErrors = result.fieldErrors ?? {};
    const failed = FIELDS.filter((field) => fieldErrors[field]);
    for (const field of failed) form.setError(field, { message: fieldErrors[field] });
    if (failed.length === 0) form.setError("root", { message: result.message });
    // The server's answer may concern a field scrolled out of view (a loopback URL): take the
    // user to it, so pressing the button never seems to do nothing (see the effect below).
    setProblem(failed[0] ?? "root");
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-5">
        <TextField
          id="url"
          label="Webhook URL"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://example.com/webhooks/documenso"
          hint="We POST a signed JSON body here for every event you choose."
          error={errors.url?.message}
          {...form.register("url")}
        />
        <Controller
          control={form.control}
          name="events"
          render={({ field }) => (
            <WebhookEventsField value={field.value} onChange={field.onChange} error={errors.events?.message} />
          )}
        />
        <Controller
          control={form.control}
          name="secret"
          render={({ field }) => (
            <WebhookSecretField
              value={field.value ?? ""}
              onChange={(next) => {
                setSecretTouched(true);
                field.onChange(next);
              }}
              error={errors.secret?.message}
              storedSecretOf={storedSecretOf}
              isTouched={isSecretTouched}
            />
          )}
        />
        <WebhookHeadersField form={form} />
        <WebhookDocumensoOptions form={form} />
        <TextField
          id="rateLimitPerSecond"
          label="Rate limit (deliveries a second)"
          inputMode="numeric"
          autoComplete="off"
          placeholder="No limit"
          hint="For a receiver that cannot take bursts: every worker together sends no faster. Leave empty for no limit."
          error={errors.rateLimitPerSecond?.message}
          {...form.register("rateLimitPerSecond", { setValueAs: rateLimitFromText })}
        />
        <FieldError id="webhook-form-error" message={errors.root?.message ?? errors.enabled?.message} />
        {/* Stays in view while the long event list scrolls, with Enabled in it: at 1280×800
            the switch is never below the fold. */}
        <DialogFooter className="sticky -bottom-6 -mx-6 -mb-6 border-t border-neutral-200 bg-white px-6 py-4">
          <Controller
            control={form.control}
            name="enabled"
            render={({ field }) => (
              <div
                className="flex items-center gap-2 sm:mr-auto"
                title="A disabled webhook keeps its settings but receives nothing."
              >
                <Switch
                  id="enabled"
                  checked={field.value ?? true}
                  onCheckedChange={field.onChange}
                  aria-describedby="enabled-hint"
                />
                <Label htmlFor="enabled">Enabled</Label>
                <span id="enabled-hint" className="sr-only">
                  A disabled webhook keeps its settings but receives nothing.
                </span>
              </div>
            )}
          />
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button type="submit">{isSubmitting ? "Saving…" : submitLabel}</Button>
        </DialogFooter>
      </fieldset>
    </form>
  );
}
