import type { DeliveryStatus } from "@/db/types";
import { deliveryConfig } from "@/lib/config";
import { isWaitingStatus } from "@/lib/delivery-log/status-groups";

export type DeliveryProgress = {
  /** Attempts of the automatic schedule made so far: the "2" of "2 of 8". */
  attemptCount: number;
  /** The "of 8": the schedule's attempts (more only for rows from before manual attempts were counted apart). */
  maxAttempts: number;
  /** Manual and test attempts made so far; they never move the schedule. */
  manualAttemptCount: number;
  /** When the schedule's next attempt is due; null once nothing more is scheduled. */
  nextAttemptAt: number | null;
  /** A Resend or Recover is queued and is sent within moments, beside the schedule. */
  isResendQueued: boolean;
};

/** Scheduled attempts of one delivery: the first plus one per retry delay. */
export function scheduledAttempts(): number {
  return deliveryConfig.retryScheduleMs().length + 1;
}

export function deliveryProgress(row: {
  status: DeliveryStatus;
  attempt_count: number;
  manual_attempt_count: number;
  next_attempt_at: number;
  next_trigger: string | null;
  resume_at: number | null;
}): DeliveryProgress {
  const attemptCount = Number(row.attempt_count);
  const isResendQueued = row.next_trigger === "manual";
  // While a resend is queued, next_attempt_at says "now" and resume_at keeps the schedule's time.
  const scheduledAt = isResendQueued ? row.resume_at : row.next_attempt_at;
  return {
    attemptCount,
    maxAttempts: Math.max(scheduledAttempts(), attemptCount),
    manualAttemptCount: Number(row.manual_attempt_count),
    nextAttemptAt: isWaitingStatus(row.status) && scheduledAt !== null ? Number(scheduledAt) : null,
    isResendQueued,
  };
}
