"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClassName } from "@/components/ui/button";
import { TableCell, TableRow } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import type { WebhookListItem } from "@/lib/webhooks/list-webhooks";
import { WebhookDeleteDialog } from "./webhook-delete-dialog";
import { WebhookEnabledSwitch } from "./webhook-enabled-switch";
import { WebhookEditDialog } from "./webhook-form-dialog";
import { WebhookHealthCell } from "./webhook-health-cell";

const MAX_BADGES = 3;

export function WebhookRow({ webhook }: { webhook: WebhookListItem }) {
  // Each row owns its dialogs, so opening one never closes another row's.
  const [isEditOpen, setEditOpen] = useState(false);
  const [isDeleteOpen, setDeleteOpen] = useState(false);
  const shown = webhook.events.slice(0, MAX_BADGES);
  const hidden = webhook.events.slice(MAX_BADGES);

  return (
    <TableRow>
      <TableCell className="max-w-xs">
        <Link
          href={`/settings/webhooks/${webhook.id}`}
          title={webhook.url}
          className="block truncate font-mono text-[13px] font-medium text-neutral-900 hover:underline"
        >
          {webhook.url}
        </Link>
        <p className="mt-1 text-xs text-neutral-600">
          Created <TimeText ms={webhook.createdAt} />
        </p>
        {!webhook.enabled && webhook.disabledReason ? (
          <p className="mt-1 text-xs text-amber-700">{webhook.disabledReason}</p>
        ) : null}
      </TableCell>
      <TableCell>
        <div className="flex flex-wrap gap-1">
          {shown.map((name) => (
            <Badge key={name}>{name}</Badge>
          ))}
          {hidden.length > 0 ? (
            <Badge variant="outline" title={hidden.join(", ")}>
              +{hidden.length} more
            </Badge>
          ) : null}
        </div>
      </TableCell>
      <TableCell>
        <WebhookHealthCell activity={webhook.activity} />
      </TableCell>
      <TableCell>
        <WebhookEnabledSwitch webhook={webhook} />
      </TableCell>
      <TableCell className="text-right">
        <div className="flex justify-end gap-1">
          <Link
            href={`/settings/webhooks/${webhook.id}`}
            className={buttonClassName("ghost", "sm")}
            aria-label={`Logs of ${webhook.url}`}
          >
            Logs
          </Link>
          <Button variant="ghost" size="sm" onClick={() => setEditOpen(true)}>
            Edit
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="text-red-600 hover:bg-red-50 hover:text-red-700"
            onClick={() => setDeleteOpen(true)}
          >
            Delete
          </Button>
        </div>
        <WebhookEditDialog webhook={webhook} open={isEditOpen} onOpenChange={setEditOpen} />
        <WebhookDeleteDialog webhook={webhook} open={isDeleteOpen} onOpenChange={setDeleteOpen} />
      </TableCell>
    </TableRow>
  );
}
