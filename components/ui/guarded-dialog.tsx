"use client";

import { useEffect } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";

/**
 * A dialog that cannot be closed (Escape, outside click, the X) while it is busy: saving, or
 * showing something only its own button may dismiss (a new secret or token).
 *
 * `mutation` is the action the dialog runs: while it is pending the dialog stays open, and
 * once the dialog has closed, by any path, its answer (error, outcome, new secret) is
 * forgotten, so the next opening starts clean.
 */
export function GuardedDialog({
  open,
  onOpenChange,
  isBusy = false,
  mutation,
  title,
  description,
  trigger,
  size,
  onCloseAutoFocus,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  isBusy?: boolean;
  mutation?: { isPending: boolean; reset: () => void };
  title: React.ReactNode;
  description: React.ReactNode;
  trigger?: React.ReactNode;
  size?: "default" | "lg";
  /** Where focus goes once closed, when the dialog has no Radix trigger to return it to. */
  onCloseAutoFocus?: (event: Event) => void;
  children: React.ReactNode;
}) {
  const isLocked = isBusy || (mutation?.isPending ?? false);
  const reset = mutation?.reset;
  useEffect(() => {
    if (!open) reset?.();
  }, [open, reset]);

  return (
    <Dialog open={open} onOpenChange={(next) => (isLocked ? undefined : onOpenChange(next))}>
      {trigger}
      <DialogContent
        size={size}
        hideClose={isLocked}
        onEscapeKeyDown={(event) => isLocked && event.preventDefault()}
        onInteractOutside={(event) => isLocked && event.preventDefault()}
        onCloseAutoFocus={onCloseAutoFocus}
      >
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  );
}
