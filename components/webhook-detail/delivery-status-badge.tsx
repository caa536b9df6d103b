import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { DeliveryStatus } from "@/db/types";

const LOOK: Record<DeliveryStatus, { label: string; variant: BadgeProps["variant"] }> = {
  delivered: { label: "Delivered", variant: "success" },
  pending: { label: "Pending", variant: "secondary" },
  retrying: { label: "Retrying", variant: "warning" },
  failed: { label: "Failed", variant: "destructive" },
  cancelled: { label: "Cancelled", variant: "outline" },
};

/** Status in words (never by colour alone) with the latest HTTP status code when there is one. */
export function DeliveryStatusBadge({ status, statusCode }: { status: DeliveryStatus; statusCode: number | null }) {
  const look = LOOK[status];
  return (
    <Badge variant={look.variant} className="font-sans">
      {look.label}
      {statusCode !== null ? <span className="ml-1.5 font-mono opacity-80">{statusCode}</span> : null}
    </Badge>
  );
}
