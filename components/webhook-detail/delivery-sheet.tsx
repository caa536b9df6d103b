"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { copyToClipboard } from "@/components/ui/copy-to-clipboard";
import { Sheet } from "@/components/ui/sheet";
import { TimeText } from "@/components/ui/time-text";
import { useToast } from "@/components/ui/toast";
import { copyAsCurlAction } from "@/lib/actions/deliveries/copy-as-curl";
import { resendDeliveryAction } from "@/lib/actions/deliveries/resend-delivery";
import { deliveryState } from "@/lib/delivery-log/delivery-states";
import type { DeliveryDetail } from "@/lib/delivery-log/get-delivery";
import { useDelivery } from "@/lib/queries/delivery-log";
import { callAction, useActionMutation } from "@/lib/queries/use-action-mutation";
import { AttemptCard } from "./attempt-card";
import { attemptsText } from "./attempts-text";
import { DeliveryStateBadge } from "./delivery-state-badge";
import { LoadError } from "./load-error";
import { NextAttempt } from "./next-attempt";

function SheetActions({ delivery }: { delivery: DeliveryDetail }) {
  const toast = useToast();
  const resending = useActionMutation(resendDeliveryAction);
  const [isSigning, setSigning] = useState(false);
  const isBusy = resending.isPending || isSigning;

  async function resend() {
    const result = await resending.run({ deliveryId: delivery.id });
    toast(
      result.ok
        ? { title: "Resend queued", description: "The new attempt shows here in a moment." }
        : { title: "Could not resend", description: result.message, variant: "destructive" },
    );
  }

  // A read (the command is signed on the server, nothing changes), so not a mutation.
  async function copyCurl() {
    setSigning(true);
    const result = await callAction(copyAsCurlAction, { deliveryId: delivery.id });
    setSigning(false);
    if (!result.ok) return toast({ title: "Could not build the command", description: result.message, variant: "destructive" });
    const isCopied = await copyToClipboard(result.command);
    toast(
      isCopied
        ? {
            title: "curl command copied",
            description:
              result.maskedHeaders.length > 0
                ? `Freshly signed: receivers accept it for about 5 minutes. Masked, fill in before running: ${result.maskedHeaders.join(", ")}.`
                : "Freshly signed: receivers accept it for about 5 minutes.",
          }
        : { title: "Could not copy the command", variant: "destructive" },
    );
  }

  return (
    <div className="flex flex-wrap gap-2">
      <Button onClick={resend} disabled={isBusy}>
        {resending.isPending ? "Queuing…" : "Resend"}
      </Button>
      <Button variant="outline" onClick={copyCurl} disabled={isBusy}>
        {isSigning ? "Signing…" : "Copy as curl"}
      </Button>
    </div>
  );
}

/** The side sheet of one delivery: its state, every attempt (newest first, the latest open), Resend and Copy as curl. */
export function DeliverySheet({
  webhookId,
  deliveryId,
  onClose,
}: {
  webhookId: string;
  deliveryId: string | null;
  onClose: () => void;
}) {
  const query = useDelivery(webhookId, deliveryId);
  const delivery = query.data && query.data.id === deliveryId ? query.data : undefined;

  let content: React.ReactNode;
  if (query.isError && !delivery) {
    content = (
      <LoadError
        what="This delivery"
        message={query.error.message}
        onRetry={() => void query.refetch()}
        className="rounded-lg border border-red-200 bg-red-50 p-4"
      />
    );
  } else if (!delivery) {
    content = (
      <div role="status" aria-busy="true" aria-label="Loading delivery" className="grid gap-3">
        <div className="h-9 w-48 animate-pulse rounded bg-neutral-200" />
        <div className="h-64 animate-pulse rounded-lg bg-neutral-100" />
      </div>
    );
  } else {
    const attempts = [...delivery.attempts].reverse();
    content = (
      <div className="grid gap-5">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
          <div className="col-span-2 grid gap-1 sm:col-span-3">
            <dt className="text-xs font-medium text-neutral-600">State</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <DeliveryStateBadge state={delivery.state} statusCode={delivery.lastStatusCode} />
              <span className="text-neutral-700">{deliveryState(delivery.state).description}</span>
            </dd>
          </div>
          <div className="grid gap-1">
            <dt className="text-xs font-medium text-neutral-600">Scheduled attempts</dt>
            <dd className="tabular-nums">{attemptsText(delivery)}</dd>
          </div>
          <div className="grid gap-1">
            <dt className="text-xs font-medium text-neutral-600">Next attempt</dt>
            <dd>
              <NextAttempt delivery={delivery} />
            </dd>
          </div>
          <div className="grid gap-1">
            <dt className="text-xs font-medium text-neutral-600">Created</dt>
            <dd>
              <TimeText ms={delivery.createdAt} />
            </dd>
          </div>
          <div className="col-span-2 grid gap-1 sm:col-span-3">
            <dt className="text-xs font-medium text-neutral-600">Event id</dt>
            <dd className="break-all font-mono text-xs">{delivery.eventId}</dd>
          </div>
        </dl>
        <SheetActions delivery={delivery} />
        <section aria-label="Attempts" className="grid gap-3">
          {attempts.length === 0 ? (
            <p className="rounded-lg border border-dashed border-neutral-300 p-6 text-center text-sm text-neutral-600">
              No attempt yet: the first one is on its way.
            </p>
          ) : (
            attempts.map((attempt, i) => <AttemptCard key={attempt.id} attempt={attempt} isLatest={i === 0} />)
          )}
        </section>
      </div>
    );
  }

  return (
    <Sheet
      open={deliveryId !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={delivery ? <span className="font-mono">{delivery.eventType}</span> : "Delivery"}
      description={<span className="break-all font-mono text-xs">{deliveryId}</span>}
    >
      {content}
    </Sheet>
  );
}
