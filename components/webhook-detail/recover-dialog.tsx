"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { GuardedDialog } from "@/components/ui/guarded-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useToast } from "@/components/ui/toast";
import { countRecoverableAction, recoverDeliveriesAction } from "@/lib/actions/deliveries/recover-deliveries";
import { RECOVERABLE_STATES } from "@/lib/delivery-log/delivery-states";
import type { RecoverableCount, RecoverableState } from "@/lib/delivery-log/recover-deliveries";
import { formatCount, toDateTimeLocalValue } from "@/lib/format";
import { queryKeys } from "@/lib/queries/query-keys";
import { callAction, useActionMutation } from "@/lib/queries/use-action-mutation";

const HOUR = 60 * 60 * 1000;
const PRESETS = [
  { label: "1 hour", ms: HOUR },
  { label: "24 hours", ms: 24 * HOUR },
  { label: "7 days", ms: 7 * 24 * HOUR },
];

function deliveries(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "delivery" : "deliveries"}`;
}

/** "3 deliveries will be resent: 2 failing, 1 failed." */
export function recoverSummary({ count, byState, isOverLimit }: RecoverableCount): string {
  if (count === 0) return "No failing or failed deliveries since then: nothing to resend.";
  const parts = RECOVERABLE_STATES.map((state) => [state.label, byState[state.name as RecoverableState]] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${formatCount(n)} ${label.toLowerCase()}`);
  // Past the limit the split of the oldest 10,000 is not known, only that there are more.
  if (isOverLimit) return `${deliveries(count)} will be resent: the oldest 10,000. Run it again for the rest.`;
  return `${deliveries(count)} will be resent: ${parts.join(", ")}.`;
}

/** Recover: pick a start time, see how many Failing and Failed deliveries will be resent, confirm. */
export function RecoverDialog({
  webhookId,
  open,
  onOpenChange,
}: {
  webhookId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const toast = useToast();
  const [since, setSince] = useState(() => toDateTimeLocalValue(Date.now() - 24 * HOUR));
  const recovering = useActionMutation(recoverDeliveriesAction);
  const sinceMs = Date.parse(since);

  const count = useQuery({
    queryKey: queryKeys.recoverable(webhookId, sinceMs),
    queryFn: async () => {
      const result = await callAction(countRecoverableAction, { webhookId, since: sinceMs });
      if (!result.ok) throw new Error(result.message);
      return result;
    },
    enabled: open && Number.isFinite(sinceMs),
    staleTime: 0,
    retry: false,
  });

  async function recover() {
    const result = await recovering.run({ webhookId, since: sinceMs });
    if (!result.ok) return;
    toast({ title: `${deliveries(result.recovered)} queued again` });
    onOpenChange(false);
  }

  const n = count.data?.count ?? 0;
  let summary: React.ReactNode = "Counting failing and failed deliveries…";
  if (!Number.isFinite(sinceMs)) summary = "Choose a start time.";
  else if (count.isError) summary = <span className="text-red-800">{count.error.message}</span>;
  else if (count.data) summary = recoverSummary(count.data);

  return (
    <GuardedDialog
      open={open}
      onOpenChange={onOpenChange}
      mutation={recovering}
      title="Recover failing and failed deliveries"
      description="Resend now every Failing (will retry) and Failed (gave up) delivery of this webhook created since a time, at most 10,000 at once. Each resend is an extra attempt: a Failing delivery keeps its schedule."
    >
      <fieldset disabled={recovering.isPending} className="grid gap-4">
        <div className="grid gap-2">
          <Label htmlFor="recover-since">Created since</Label>
          <Input
            id="recover-since"
            type="datetime-local"
            value={since}
            max={toDateTimeLocalValue(Date.now())}
            onChange={(e) => setSince(e.target.value)}
          />
          <div className="flex flex-wrap gap-2" role="group" aria-label="Presets">
            {PRESETS.map((preset) => (
              <Button
                key={preset.label}
                variant="outline"
                size="sm"
                onClick={() => setSince(toDateTimeLocalValue(Date.now() - preset.ms))}
              >
                Last {preset.label}
              </Button>
            ))}
          </div>
        </div>
        <p role="status" className="rounded-md bg-neutral-100 px-3 py-2 text-sm text-neutral-800">
          {summary}
        </p>
        <FieldError id="recover-error" message={recovering.failure} />
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button onClick={recover} disabled={!count.data || n === 0}>
            {recovering.isPending ? "Resending…" : n > 0 ? `Resend ${formatCount(n)}` : "Resend"}
          </Button>
        </DialogFooter>
      </fieldset>
    </GuardedDialog>
  );
}
