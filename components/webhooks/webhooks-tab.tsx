"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogTrigger } from "@/components/ui/dialog";
import type { WebhookView } from "@/lib/webhooks/manage/webhook-view";
import { WebhookCreateDialog } from "./webhook-create-dialog";
import { WebhooksTable } from "./webhooks-table";

export function WebhooksTab({ initialWebhooks }: { initialWebhooks: WebhookView[] }) {
  const [isCreateOpen, setCreateOpen] = useState(false);
  return (
    <section className="grid gap-4" aria-labelledby="webhooks-heading">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h2 id="webhooks-heading" className="text-lg font-semibold tracking-tight">
            Webhooks
          </h2>
          <p className="text-sm text-neutral-500">Get a signed HTTP POST when something happens to your documents.</p>
        </div>
        <WebhookCreateDialog
          open={isCreateOpen}
          onOpenChange={setCreateOpen}
          trigger={
            <DialogTrigger asChild>
              <Button>Create Webhook</Button>
            </DialogTrigger>
          }
        />
      </div>
      <WebhooksTable initialWebhooks={initialWebhooks} onCreate={() => setCreateOpen(true)} />
    </section>
  );
}
