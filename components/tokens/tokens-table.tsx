"use client";

import Link from "next/link";
import * as React from "react";
import { SCOPE_LABELS } from "@/components/tokens/scope-labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { useApiTokens } from "@/lib/queries/api-tokens";
import type { ApiTokenSummary } from "@/lib/tokens/list-api-tokens";
import { TokenCreateDialog } from "./token-create-dialog";
import { TokenRevokeDialog } from "./token-revoke-dialog";

export const API_REFERENCE_PATH = "/settings/tokens/api-reference";

/** The API tokens tab: intro, "Create token", and the list (or its empty state). */
export function TokensTable() {
  const query = useApiTokens();
  const tokens = query.data ?? [];
  const [revoking, setRevoking] = React.useState<ApiTokenSummary | null>(null);
  const [isCreateOpen, setIsCreateOpen] = React.useState(false);
  // The dialogs have no Radix trigger (see TokenCreateDialog), so focus is given back by hand:
  // to the button that opened them, or to "Create token", which is always on the page.
  const createButtonRef = React.useRef<HTMLButtonElement>(null);
  const revokeOpenerRef = React.useRef<HTMLButtonElement | null>(null);
  const returnFocus = (opener?: HTMLButtonElement | null) => {
    const target = opener?.isConnected ? opener : createButtonRef.current;
    target?.focus();
  };

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1">
          <h2 className="text-lg font-semibold">API tokens</h2>
          <p className="text-sm text-neutral-500">
            Send document events to <code className="font-mono text-xs">POST /api/v1/events</code> and manage your webhooks with{" "}
            <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>. Tokens are shown once and stored
            hashed.{" "}
            <Link href={API_REFERENCE_PATH} className="font-medium text-neutral-900 underline underline-offset-2">
              API reference
            </Link>
          </p>
        </div>
        <Button ref={createButtonRef} onClick={() => setIsCreateOpen(true)}>
          Create token
        </Button>
      </div>

      {tokens.length === 0 ? (
        <Card className="grid place-items-center gap-3 p-10 text-center">
          <p className="font-medium">No API tokens yet</p>
          <p className="max-w-sm text-sm text-neutral-500">
            Create one with “Create token” to let your systems send events to your webhooks.
          </p>
        </Card>
      ) : (
        <Card>
          <Table aria-label="API tokens">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Token</TableHead>
                <TableHead>Access</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.map((token) => (
                <TableRow key={token.id}>
                  <TableCell className="max-w-[16rem] truncate font-medium" title={token.name}>
                    {token.name}
                  </TableCell>
                  <TableCell>
                    <Badge variant="outline">{token.prefix}…</Badge>
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-neutral-600">{SCOPE_LABELS[token.scope]}</TableCell>
                  <TableCell className="whitespace-nowrap text-neutral-600">
                    <TimeText ms={token.createdAt} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-neutral-600">
                    {token.lastUsedAt ? <TimeText ms={token.lastUsedAt} /> : "Never"}
                  </TableCell>
                  <TableCell className="text-right">
                    <Button
                      variant="outline"
                      size="sm"
                      aria-label={`Revoke ${token.name}`}
                      onClick={(event) => {
                        revokeOpenerRef.current = event.currentTarget;
                        setRevoking(token);
                      }}
                    >
                      Revoke
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}

      <TokenCreateDialog isOpen={isCreateOpen} onOpenChange={setIsCreateOpen} onCloseFocus={() => returnFocus()} />
      <TokenRevokeDialog
        token={revoking}
        onOpenChange={(isOpen) => !isOpen && setRevoking(null)}
        onRevoked={() => (revokeOpenerRef.current = null)}
        onCloseFocus={() => returnFocus(revokeOpenerRef.current)}
      />
    </div>
  );
}
