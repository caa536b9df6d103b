"use client";

import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { GuardedDialog } from "@/components/ui/guarded-dialog";
import { useToast } from "@/components/ui/toast";
import { revokeApiTokenAction } from "@/lib/actions/tokens/revoke-api-token";
import { useActionMutation } from "@/lib/queries/use-action-mutation";

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
  const revocation = useActionMutation(revokeApiTokenAction);

  async function revoke() {
    if (!token) return;
    const result = await revocation.run({ id: token.id });
    if (!result.ok) return;
    toast({ title: "Token revoked", description: `“${token.name}” no longer works.` });
    onRevoked();
    onOpenChange(false);
  }

  return (
    <GuardedDialog
      open={token !== null}
      onOpenChange={onOpenChange}
      mutation={revocation}
      title="Revoke token?"
      description={
        <>
          “{token?.name}” ({token?.prefix}…) stops working immediately: requests using it get 401 Unauthorized. This cannot be
          undone.
        </>
      }
      onCloseAutoFocus={(event) => {
        event.preventDefault();
        onCloseFocus();
      }}
    >
      <FieldError id="token-revoke-error" message={revocation.failure} />
      <fieldset disabled={revocation.isPending}>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant="destructive" onClick={revoke}>
            {revocation.isPending ? "Revoking…" : "Revoke token"}
          </Button>
        </DialogFooter>
      </fieldset>
    </GuardedDialog>
  );
}
