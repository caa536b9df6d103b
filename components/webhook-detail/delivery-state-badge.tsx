import { Badge } from "@/components/ui/badge";
import { type DeliveryStateName, deliveryState } from "@/lib/delivery-log/delivery-states";

/** State in words (never by colour alone) with the latest HTTP status code when there is one; its meaning on hover. */
export function DeliveryStateBadge({ state, statusCode }: { state: DeliveryStateName; statusCode: number | null }) {
  const look = deliveryState(state);
  return (
    <Badge variant={look.tone} className="font-sans" title={look.description}>
      {look.label}
      {statusCode !== null ? <span className="ml-1.5 font-mono">{statusCode}</span> : null}
    </Badge>
  );
}
