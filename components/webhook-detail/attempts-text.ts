import type { DeliveryProgress } from "@/lib/delivery-log/delivery-progress";

/** "2 of 8", "2 of 8 + 1 by hand": the schedule's attempts, and those made by Resend or Test beside it. */
export function attemptsText({ attemptCount, maxAttempts, manualAttemptCount }: DeliveryProgress): string {
  const scheduled = `${attemptCount} of ${maxAttempts}`;
  return manualAttemptCount > 0 ? `${scheduled} + ${manualAttemptCount} by hand` : scheduled;
}
