import type { DeliveryStatus } from "@/db/types";
import { deliveryConfig } from "@/lib/config";

export type DeliveryProgress = {
  /** Attempts made so far, scheduled and manual. */
  attemptCount: number;
  /** The "of n": the schedule's attempts, or more after manual resends. */
  maxAttempts: number;
  /** When the next attempt is due; null once the delivery is final. */
  nextAttemptAt: number | null;
};

/**
 * Scheduled attempts of one delivery: the first plus one per retry delay. Manual resends come
 * on top (they are never refused for reaching the cap), so a row shows max(attempt_count,
 * this) as its "of n" and never "9 of 8".
 */
export function scheduledAttempts(): number {
  return deliveryConfig.retryScheduleMs().length + 1;
}

export function deliveryProgress(row: {
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: number;
}): DeliveryProgress {
  const attemptCount = Number(row.attempt_count);
  const isWaiting = row.status === "pending" || row.status === "retrying";
  return {
    attemptCount,
    maxAttempts: Math.max(scheduledAttempts(), attemptCount),
    nextAttemptAt: isWaiting ? Number(row.next_attempt_at) : null,
  };
}
