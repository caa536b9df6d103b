import type { Updateable } from "kysely";
import type { DeliveriesTable } from "@/db/types";

/**
 * What "send this again now" writes on a delivery (Resend, Recover): due at once,
 * logged as manual, free of any stale lease. attempt_count is kept: the attempt the worker
 * makes is the next number, and it is made even past the retry cap. If it fails, the worker
 * decides as for any attempt: past the cap the delivery is failed again (no new retry
 * series), below it the schedule continues from that count.
 */
export function requeueNow(now: number): Updateable<DeliveriesTable> {
  return { status: "pending", next_attempt_at: now, next_trigger: "manual", locked_until: null, updated_at: now };
}

export const WEBHOOK_DISABLED_MESSAGE = "This webhook is disabled: enable it before sending again";
