"use client";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";

/** A dialog that cannot be closed (Escape, outside click, the X) while its form is saving. */
export function GuardedDialog({
  open,
  onOpenChange,
  isBusy,
  title,
  description,
  trigger,
  size,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  isBusy: boolean;
  title: string;
  description: string;
  trigger?: React.ReactNode;
  size?: "default" | "lg";
  children: React.ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={(next) => (isBusy ? undefined : onOpenChange(next))}>
      {trigger}
      <DialogContent
        size={size}
        hideClose={isBusy}
        onEscapeKeyDown={(event) => isBusy && event.preventDefault()}
        onInteractOutside={(event) => isBusy && event.preventDefault()}
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
