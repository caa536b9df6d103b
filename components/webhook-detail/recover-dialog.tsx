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
import { countFailedSinceAction, recoverFailedAction } from "@/lib/actions/deliveries/recover-failed";
import { formatCount, toDateTimeLocalValue } from "@/lib/format";
import { queryKeys } from "@/lib/queries/query-keys";
import { callAction, useActionMutation } from "@/lib/queries/use-action-mutation";

const HOUR = 60 * 60 * 1000;
const PRESETS = [
  { label: "1 hour", ms: HOUR },
  { label: "24 hours", ms: 24 * HOUR },
  { label: "7 days", ms: 7 * 24 * HOUR },
];

/** Recover failed: pick a start time, see how many will be resent, confirm. */
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
  const recovering = useActionMutation(recoverFailedAction);
  const sinceMs = Date.parse(since);

  const count = useQuery({
    queryKey: queryKeys.failedSince(webhookId, sinceMs),
    queryFn: async () => {
      const result = await callAction(countFailedSinceAction, { webhookId, since: sinceMs });
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
    toast({
      title: `${formatCount(result.recovered)} ${result.recovered === 1 ? "delivery" : "deliveries"} queued again`,
    });
    onOpenChange(false);
  }

  const n = count.data?.count ?? 0;
  let summary: React.ReactNode = "Counting failed deliveries…";
  if (!Number.isFinite(sinceMs)) summary = "Choose a start time.";
  else if (count.isError) summary = <span className="text-red-800">{count.error.message}</span>;
  else if (count.data)
    summary =
      n === 0
        ? "No failed deliveries since then: nothing to resend."
        : `${formatCount(n)} failed ${n === 1 ? "delivery" : "deliveries"} will be resent${
            count.data.isOverLimit ? " (the oldest 10,000: run it again for the rest)" : ""
          }.`;

  return (
    <GuardedDialog
      open={open}
      onOpenChange={onOpenChange}
      mutation={recovering}
      title="Recover failed deliveries"
      description="Resend every failed or cancelled delivery of this webhook created since a time, at most 10,000 at once."
    >
      <fieldset disabled={recovering.isPending} className="grid gap-4">
        <div className="grid gap-2">
          <Label htmlFor="recover-since">Failed since</Label>
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
