"use client";

import Link from "next/link";
import { useState } from "react";
import { Button, buttonClassName } from "@/components/ui/button";
import { DialogTrigger } from "@/components/ui/dialog";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
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
        <div className="flex flex-wrap gap-2">
          <Link href="/settings/webhooks/guide" className={buttonClassName("outline")}>
            Guide
          </Link>
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
      </div>
      <WebhooksTable initialWebhooks={initialWebhooks} onCreate={() => setCreateOpen(true)} />
    </section>
  );
}
