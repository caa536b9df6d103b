"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { GuardedDialog } from "@/components/ui/guarded-dialog";
import { Label } from "@/components/ui/label";
import { TimeText } from "@/components/ui/time-text";
import { sendTestEventAction } from "@/lib/actions/webhooks/send-test-event";
import { deliveryState } from "@/lib/delivery-log/delivery-states";
import { formatDuration } from "@/lib/format";
import { useActionMutation } from "@/lib/queries/use-action-mutation";
import type { TestEventOutcome } from "@/lib/webhooks/send-test-event";
import { AttemptError } from "./attempt-error";
import { DeliveryStateBadge } from "./delivery-state-badge";
import { prettyJson } from "./pretty-json";

function Outcome({ outcome }: { outcome: TestEventOutcome }) {
  if (outcome.pending) {
    return (
      <p role="status" className="rounded-md bg-neutral-100 px-3 py-2 text-sm text-neutral-800">
        Sent: no answer yet. The attempt will show in the delivery log as soon as it finishes.
      </p>
    );
  }
  return (
    <section role="status" aria-label="Test outcome" className="grid gap-3 rounded-md border border-neutral-200 p-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <DeliveryStateBadge state={outcome.state} statusCode={null} />
        <span>{outcome.statusCode !== null ? `HTTP ${outcome.statusCode}` : "No response"}</span>
        {outcome.durationMs !== null ? <span className="text-neutral-600">in {formatDuration(outcome.durationMs)}</span> : null}
      </div>
      <p className="text-sm text-neutral-700">
        {deliveryState(outcome.state).description}
        {outcome.nextAttemptAt !== null ? (
          <>
            {" "}
            Next attempt <TimeText ms={outcome.nextAttemptAt} show="relative" />.
          </>
        ) : null}
      </p>
      {outcome.error ? (
        <p className="text-sm text-red-800">
          <AttemptError error={outcome.error} />
        </p>
      ) : null}
      {outcome.responseBody !== null ? (
        <div className="grid gap-1">
          <p className="text-xs font-medium uppercase tracking-wide text-neutral-600">Response body</p>
          <pre
            tabIndex={0}
            className="max-h-48 overflow-auto [contain:inline-size] rounded-md bg-neutral-50 p-2 font-mono text-xs"
          >
            {outcome.responseBody === "" ? "(empty)" : prettyJson(outcome.responseBody)}
          </pre>
        </div>
      ) : null}
    </section>
  );
}

/** Test: send one event's sample payload to this webhook only and show what the endpoint answered. */
export function TestEventDialog({
  webhookId,
  events,
  isEnabled,
  open,
  onOpenChange,
}: {
  webhookId: string;
  /** Dotted names the webhook listens to. */
  events: string[];
  /** The worker sends nothing to a disabled webhook, tests included. */
  isEnabled: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [event, setEvent] = useState(events[0] ?? "");
  const sending = useActionMutation(sendTestEventAction);
  const isBusy = sending.isPending;
  const outcome = sending.data?.outcome;
  const selected = events.includes(event) ? event : (events[0] ?? "");

  return (
    <GuardedDialog
      open={open}
      onOpenChange={onOpenChange}
      mutation={sending}
      title="Send a test event"
      description="Sends the event's example payload, signed as usual, to this webhook only. It is logged like any delivery."
    >
      <div className="grid gap-4">
        {!isEnabled ? (
          <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            This webhook is disabled, so nothing is sent to it. Re-enable it to send a test.
          </p>
        ) : null}
        {events.length === 0 ? (
          <p className="text-sm text-neutral-700">This webhook listens to no event. Edit it to choose some first.</p>
        ) : (
          <div className="grid gap-2">
            <Label htmlFor="test-event">Event</Label>
            <select
              id="test-event"
              value={selected}
              onChange={(e) => setEvent(e.target.value)}
              disabled={isBusy}
              className="h-9 rounded-md border border-neutral-200 bg-white px-3 font-mono text-sm shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-neutral-950"
            >
              {events.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        )}
        {isBusy ? (
          <p role="status" className="text-sm text-neutral-600">
            Sending and waiting for the answer…
          </p>
        ) : null}
        {outcome ? <Outcome outcome={outcome} /> : null}
        <FieldError id="test-error" message={sending.failure} />
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" disabled={isBusy}>
              Close
            </Button>
          </DialogClose>
          <Button
            onClick={() => void sending.run({ webhookId, event: selected })}
            disabled={isBusy || events.length === 0 || !isEnabled}
          >
            {isBusy ? "Sending…" : outcome ? "Send again" : "Send test"}
          </Button>
        </DialogFooter>
      </div>
    </GuardedDialog>
  );
}
