"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";

/**
 * A dialog that cannot be closed (Escape, outside click, the X) while it is busy: saving, or
 * showing something only its own button may dismiss (a new secret or token).
 *
 * `mutation` is the action the dialog runs: while it is pending the dialog stays open, and
 * once the dialog has closed, by any path, its answer (error, outcome, new secret) is
 * forgotten, so the next opening starts clean.
 *
 * `isDirty` (a form with unsaved edits): every way of closing (Escape, a click outside, the
 * X, Cancel) first asks "Discard changes?" in a small dialog on top; Escape there goes back
 * to the form.
 */
export function GuardedDialog({
  open,
  onOpenChange,
  isBusy = false,
  isDirty = false,
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
  isDirty?: boolean;
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
  const [isAskingToDiscard, setAskingToDiscard] = useState(false);
  useEffect(() => {
    if (!open) {
      reset?.();
      setAskingToDiscard(false);
    }
  }, [open, reset]);

  const requestOpenChange = (next: boolean) => {
    if (isLocked) return;
    if (!next && isDirty) setAskingToDiscard(true);
    else onOpenChange(next);
  };

  return (
    <Dialog open={open} onOpenChange={requestOpenChange}>
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
        <Dialog open={isAskingToDiscard} onOpenChange={setAskingToDiscard}>
          <DialogContent hideClose>
            <DialogHeader>
              <DialogTitle>Discard changes?</DialogTitle>
              <DialogDescription>What you entered in this form has not been saved.</DialogDescription>
            </DialogHeader>
            <DialogFooter>
              <Button variant="outline" onClick={() => setAskingToDiscard(false)}>
                Keep editing
              </Button>
              <Button
                variant="destructive"
                onClick={() => {
                  setAskingToDiscard(false);
                  onOpenChange(false);
                }}
              >
                Discard
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      </DialogContent>
    </Dialog>
  );
}
