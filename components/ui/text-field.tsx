import * as React from "react";
import { FieldError } from "./field-error";
import { Input } from "./input";
import { Label } from "./label";

type TextFieldProps = React.InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  error?: string;
  hint?: React.ReactNode;
};

/** Label + input + hint + error, wired with aria so getByLabel and screen readers see one field. */
export const TextField = React.forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { id, label, error, hint, ...props },
  ref,
) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input ref={ref} id={id} aria-invalid={!!error} aria-describedby={`${id}-error`} {...props} />
      {hint ? <p className="text-xs text-neutral-500">{hint}</p> : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
});
