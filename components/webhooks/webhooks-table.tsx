"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useWebhooks } from "@/lib/queries/webhooks";
import { WebhookRow } from "./webhook-row";

function EmptyState({ onCreate }: { onCreate: () => void }) {
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-14 text-center">
      <div aria-hidden className="grid h-12 w-12 place-items-center rounded-full bg-neutral-100 text-neutral-500">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="1.75">
          <path d="M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2" strokeLinecap="round" />
          <path d="m6 17 3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06" strokeLinecap="round" />
          <path d="m12 6 3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8" strokeLinecap="round" />
        </svg>
      </div>
      <div className="grid gap-1">
        <h3 className="font-medium">No webhooks yet</h3>
        <p className="max-w-sm text-sm text-neutral-500">
          Add a webhook to get a signed POST whenever one of your documents is created, sent, opened, signed or completed.
        </p>
      </div>
      <Button variant="outline" onClick={onCreate}>
        Create your first webhook
      </Button>
    </div>
  );
}

function LoadingRows() {
  return (
    <TableBody aria-busy="true">
      {[0, 1, 2].map((i) => (
        <TableRow key={i}>
          {[0, 1, 2, 3, 4].map((j) => (
            <TableCell key={j}>
              <div className="h-4 animate-pulse rounded bg-neutral-100" />
            </TableCell>
          ))}
        </TableRow>
      ))}
    </TableBody>
  );
}

export function WebhooksTable({ onCreate }: { onCreate: () => void }) {
  const query = useWebhooks();

  if (query.isError && !query.data) {
    return (
      <Card role="alert" className="flex flex-col items-center gap-3 px-6 py-10 text-center">
        <p className="font-medium">Your webhooks could not be loaded</p>
        <p className="text-sm text-neutral-500">{query.error.message}</p>
        <Button variant="outline" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </Card>
    );
  }
  if (query.data?.length === 0) {
    return (
      <Card>
        <EmptyState onCreate={onCreate} />
      </Card>
    );
  }
  return (
    <Card>
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>URL</TableHead>
            <TableHead>Events</TableHead>
            <TableHead>Health</TableHead>
            <TableHead>Enabled</TableHead>
            <TableHead className="text-right">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        {query.data ? (
          <TableBody>
            {query.data.map((webhook) => (
              <WebhookRow key={webhook.id} webhook={webhook} />
            ))}
          </TableBody>
        ) : (
          <LoadingRows />
        )}
      </Table>
    </Card>
  );
}
