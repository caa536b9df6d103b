import type * as React from "react";
import { cn } from "./cn";

const variants = {
  default: "border-transparent bg-neutral-900 text-neutral-50",
  secondary: "border-transparent bg-neutral-100 text-neutral-800",
  outline: "border-neutral-200 text-neutral-700",
  success: "border-transparent bg-emerald-100 text-emerald-800",
  warning: "border-transparent bg-amber-100 text-amber-800",
  destructive: "border-transparent bg-red-100 text-red-800",
} as const;

export type BadgeProps = React.HTMLAttributes<HTMLSpanElement> & { variant?: keyof typeof variants };

export function Badge({ className, variant = "secondary", ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-md border px-2 py-0.5 font-mono text-xs font-medium whitespace-nowrap",
        variants[variant],
        className,
      )}
      {...props}
    />
  );
}
