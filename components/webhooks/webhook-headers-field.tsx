"use client";

import { useState } from "react";
import { Controller, type UseFormReturn, useFieldArray } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { FIELD_LIMITS } from "@/lib/field-limits";
import type { TWebhookFormInput, TWebhookFormSchema } from "@/lib/validation/webhook-fields";

type WebhookFormApi = UseFormReturn<TWebhookFormInput, unknown, TWebhookFormSchema>;

/**
 * Custom headers: name/value rows sent with every delivery. A saved header's value never comes
 * back to the browser: its row shows the name (read-only: to rename, remove it and add a new
 * one) and an empty value that keeps the stored one until something is typed in it.
 */
export function WebhookHeadersField({ form }: { form: WebhookFormApi }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "customHeaders" });
  // Rows that came from the server have no value (undefined = keep the stored one).
  const [storedIds] = useState(() => new Set(fields.filter((field) => field.value === undefined).map((field) => field.id)));
  const errors = form.formState.errors.customHeaders;
  const listError = errors?.message ?? errors?.root?.message;
  const isFull = fields.length >= FIELD_LIMITS.customHeadersMax;

  return (
    <fieldset className="grid gap-3" aria-describedby="custom-headers-hint custom-headers-error">
      <div className="flex items-center justify-between gap-3">
        <legend className="text-sm font-medium">Custom headers</legend>
        <Button
          variant="ghost"
          size="sm"
          disabled={isFull}
          onClick={() => append({ name: "", value: "" }, { focusName: `customHeaders.${fields.length}.name` })}
        >
          Add header
        </Button>
      </div>
      <p id="custom-headers-hint" className="text-xs text-neutral-500">
        Sent with every delivery, e.g. an API key your endpoint checks. Values are stored encrypted and, once saved, shown masked
        everywhere: here, in the delivery log and in Copy as curl. At most {FIELD_LIMITS.customHeadersMax}.
      </p>
      {fields.length > 0 ? (
        <ul className="grid gap-2">
          {fields.map((field, index) => {
            const isStored = storedIds.has(field.id);
            const rowErrors = errors?.[index];
            const nameId = `custom-header-name-${index}`;
            const valueId = `custom-header-value-${index}`;
            const errorId = `custom-header-error-${index}`;
            return (
              <li key={field.id} className="grid gap-1">
                <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] items-center gap-2">
                  <label htmlFor={nameId} className="sr-only">
                    Header name {index + 1}
                  </label>
                  <Input
                    id={nameId}
                    className="font-mono"
                    placeholder="X-Api-Key"
                    autoComplete="off"
                    spellCheck={false}
                    readOnly={isStored}
                    aria-invalid={!!rowErrors?.name}
                    aria-describedby={errorId}
                    {...form.register(`customHeaders.${index}.name`)}
                  />
                  <label htmlFor={valueId} className="sr-only">
                    Header value {index + 1}
                  </label>
                  <Controller
                    control={form.control}
                    name={`customHeaders.${index}.value`}
                    render={({ field: valueField }) => (
                      <Input
                        id={valueId}
                        className="font-mono"
                        autoComplete="off"
                        spellCheck={false}
                        placeholder={isStored ? "•••••••• (unchanged)" : "value"}
                        value={valueField.value ?? ""}
                        onBlur={valueField.onBlur}
                        // Emptied again, a saved header keeps its stored value.
                        onChange={(event) =>
                          valueField.onChange(isStored && event.target.value === "" ? undefined : event.target.value)
                        }
                        aria-invalid={!!rowErrors?.value}
                        aria-describedby={errorId}
                      />
                    )}
                  />
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => remove(index)}
                    aria-label={`Remove header ${form.getValues(`customHeaders.${index}.name`) || index + 1}`}
                  >
                    Remove
                  </Button>
                </div>
                <FieldError id={errorId} message={rowErrors?.name?.message ?? rowErrors?.value?.message} />
              </li>
            );
          })}
        </ul>
      ) : null}
      <FieldError id="custom-headers-error" message={listError} />
    </fieldset>
  );
}
