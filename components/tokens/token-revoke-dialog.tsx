"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { useToast } from "@/components/ui/toast";
import { revokeApiTokenAction } from "@/lib/actions/tokens/revoke-api-token";

type TokenRevokeDialogProps = {
  token: { id: string; name: string; prefix: string } | null;
  onOpenChange: (isOpen: boolean) => void;
  onCloseFocus: () => void;
  /** Called before closing after a successful revoke (the row and its button are going away). */
  onRevoked: () => void;
};

/** Asks before revoking: anything still using the token starts getting 401 at once. */
export function TokenRevokeDialog({ token, onOpenChange, onCloseFocus, onRevoked }: TokenRevokeDialogProps) {
  const toast = useToast();
  const [isPending, setIsPending] = React.useState(false);
  const [error, setError] = React.useState<string | undefined>();

  function changeOpen(next: boolean) {
    if (isPending) return;
    if (!next) setError(undefined);
    onOpenChange(next);
  }

  async function revoke() {
    if (!token) return;
    setIsPending(true);
    setError(undefined);
    const result = await revokeApiTokenAction({ id: token.id });
    setIsPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    toast({ title: "Token revoked", description: `“${token.name}” no longer works.` });
    onRevoked();
    onOpenChange(false);
  }

  return (
    <Dialog open={token !== null} onOpenChange={changeOpen}>
      <DialogContent
        hideClose={isPending}
        onInteractOutside={(event) => isPending && event.preventDefault()}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          onCloseFocus();
        }}
      >
        <DialogHeader>
          <DialogTitle>Revoke token?</DialogTitle>
          <DialogDescription>
            “{token?.name}” ({token?.prefix}…) stops working immediately: requests using it get 401 Unauthorized. This cannot be
            undone.
          </DialogDescription>
        </DialogHeader>
        <FieldError id="token-revoke-error" message={error} />
        <DialogFooter>
          <Button variant="outline" disabled={isPending} onClick={() => changeOpen(false)}>
            Cancel
          </Button>
          <Button variant="destructive" disabled={isPending} onClick={revoke}>
            {isPending ? "Revoking…" : "Revoke token"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
