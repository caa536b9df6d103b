"use client";

import Link from "next/link";
import { useState } from "react";
import { Button, buttonClassName } from "@/components/ui/button";
import { DialogTrigger } from "@/components/ui/dialog";
import { DisabledWebhooksNotice } from "./disabled-webhooks-notice";
import { WebhookCreateDialog } from "./webhook-form-dialog";
import { WebhooksTable } from "./webhooks-table";

/** The Webhooks tab: the notice of webhooks the system disabled, "Create Webhook" and the list. */
export function WebhooksTab() {
  const [isCreateOpen, setCreateOpen] = useState(false);
  return (
    <div className="grid gap-4">
      <DisabledWebhooksNotice />
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
        <WebhooksTable onCreate={() => setCreateOpen(true)} />
      </section>
    </div>
  );
}
