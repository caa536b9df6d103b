"use client";

import Link from "next/link";
import { Controller, type UseFormReturn } from "react-hook-form";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldError } from "@/components/ui/field-error";
import { DOCUMENSO_GUIDE_PATH } from "@/components/webhook-guide/guide-paths";
import type { TWebhookFormInput, TWebhookFormSchema } from "@/lib/validation/webhook-fields";

type WebhookFormApi = UseFormReturn<TWebhookFormInput, unknown, TWebhookFormSchema>;

function Option({
  id,
  label,
  checked,
  onCheckedChange,
  error,
  children,
}: {
  id: string;
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="grid gap-1.5">
      <div className="flex items-start gap-2">
        <Checkbox
          id={id}
          className="mt-0.5"
          checked={checked}
          onCheckedChange={(next) => onCheckedChange(next === true)}
          aria-describedby={`${id}-hint ${id}-error`}
          aria-invalid={!!error}
        />
        <label htmlFor={id} className="cursor-pointer text-sm font-medium leading-snug">
          {label}
        </label>
      </div>
      <div id={`${id}-hint`} className="grid gap-1.5 pl-6 text-xs text-neutral-600">
        {children}
      </div>
      <div className="pl-6">
        <FieldError id={`${id}-error`} message={error} />
      </div>
    </div>
  );
}

/**
 * For receivers written for Documenso, both off by default: the secret itself in
 * X-Documenso-Secret (what such receivers compare), and recipients' signing tokens.
 */
export function WebhookDocumensoOptions({ form }: { form: WebhookFormApi }) {
  const { errors } = form.formState;
  const isSecretHeaderOn = form.watch("sendSecretHeader") === true;
  return (
    <fieldset className="grid gap-3 rounded-md border border-neutral-200 p-3">
      <legend className="px-1 text-sm font-medium">Documenso compatibility</legend>
      <p className="text-xs text-neutral-600">
        Only for receivers written for Documenso that you can&apos;t change yet. See{" "}
        <Link href={DOCUMENSO_GUIDE_PATH} className="underline underline-offset-2 hover:text-neutral-900">
          moving from Documenso
        </Link>
        .
      </p>
      <Controller
        control={form.control}
        name="sendSecretHeader"
        render={({ field }) => (
          <Option
            id="sendSecretHeader"
            label="Also send the secret in X-Documenso-Secret"
            checked={field.value === true}
            onCheckedChange={field.onChange}
            error={errors.sendSecretHeader?.message}
          >
            <p>
              Documenso&apos;s receivers check this header against their copy of the secret. Signatures are still sent beside it.
            </p>
            {isSecretHeaderOn ? (
              <p role="note" className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900">
                The secret then travels in plain text with every request: anyone who sees one request (a proxy, a log, a debugging
                tool) can forge deliveries. Only allowed for https:// URLs. Move your receiver to the signatures and turn this
                off.
              </p>
            ) : null}
          </Option>
        )}
      />
      <Controller
        control={form.control}
        name="includeRecipientTokens"
        render={({ field }) => (
          <Option
            id="includeRecipientTokens"
            label="Include recipients' signing tokens"
            checked={field.value === true}
            onCheckedChange={field.onChange}
            error={errors.includeRecipientTokens?.message}
          >
            <p>
              Keeps each recipient&apos;s <code className="font-mono">token</code> in the payload, as Documenso sends it, for
              integrations that build signing links. Whoever holds a token can sign as that recipient, so it is left out unless
              you turn this on, and the delivery log always shows it masked.
            </p>
          </Option>
        )}
      />
    </fieldset>
  );
}
