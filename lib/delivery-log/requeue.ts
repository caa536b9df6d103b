import { sql } from "kysely";
import type { DeliveryStatus } from "@/db/types";
import { isWaitingSql } from "@/lib/delivery-log/status-groups";

/**
 * What "send this again now" writes on a delivery (Resend, Recover): an extra, manual attempt
 * due at once, free of any stale lease, that leaves the automatic schedule where it was. A
 * waiting delivery keeps its state and its count, and `resume_at` keeps when its next
 * scheduled attempt is due, for the worker to put back if the manual attempt fails; a
 * finished one waits as Pending and, if the attempt fails, is Failed (its schedule is over).
 * A second Resend before the first one ran changes nothing of that. Column references on the
 * right of an UPDATE read the row as it was, on both databases.
 */
export function requeueNow(now: number) {
  return {
    status: sql<DeliveryStatus>`case when ${isWaitingSql()} then status else 'pending' end`,
    resume_at: sql<number | null>`case when next_trigger is not null then resume_at
      when ${isWaitingSql()} then next_attempt_at else null end`,
    next_attempt_at: now,
    next_trigger: "manual" as const,
    locked_until: null,
    updated_at: now,
  };
}

export const WEBHOOK_DISABLED_MESSAGE = "This webhook is disabled: enable it before sending again";
