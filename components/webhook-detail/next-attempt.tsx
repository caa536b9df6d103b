import { TimeText } from "@/components/ui/time-text";
import type { DeliveryProgress } from "@/lib/delivery-log/delivery-progress";

/** "in 3 min", "Resend queued · then in 3 min", "—". */
export function NextAttempt({ delivery }: { delivery: DeliveryProgress }) {
  const scheduled = delivery.nextAttemptAt ? <TimeText ms={delivery.nextAttemptAt} show="relative" /> : null;
  if (!delivery.isResendQueued) return scheduled ?? "—";
  return (
    <>
      Resend queued
      {scheduled ? <span className="text-neutral-600"> · then {scheduled}</span> : null}
    </>
  );
}
