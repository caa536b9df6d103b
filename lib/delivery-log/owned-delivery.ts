import { getDb } from "@/db";

/**
 * A delivery with its event and webhook, only when both belong to the user: the base of every
 * per-delivery read and action, so none can forget the ownership check.
 */
export function selectOwnedDelivery(userId: string, deliveryId: string) {
  return getDb()
    .selectFrom("deliveries as d")
    .innerJoin("events as e", "e.id", "d.event_id")
    .innerJoin("webhooks as w", "w.id", "d.webhook_id")
    .where("d.id", "=", deliveryId)
    .where("d.user_id", "=", userId)
    .where("w.user_id", "=", userId);
}
