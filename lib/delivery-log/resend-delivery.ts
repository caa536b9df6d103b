import { getDb } from "@/db";
import { notifyWorkers } from "@/lib/delivery-engine/wake";
import { selectOwnedDelivery } from "@/lib/delivery-log/owned-delivery";
import { requeueNow, WEBHOOK_DISABLED_MESSAGE } from "@/lib/delivery-log/requeue";

export type ResendDeliveryResult =
  | { ok: true; deliveryId: string; webhookId: string }
  | { ok: false; code: "not_found" | "webhook_disabled" | "in_flight"; message: string };

/**
 * Queues a new attempt of the same message (same `webhook-id`) at once, logged as manual.
 * Any final status (delivered, failed, cancelled) or waiting one (pending, retrying) may be
 * resent; only a delivery a worker is sending right now (live lease) is refused, since
 * clearing its lease would send it twice at the same time.
 */
export async function resendDelivery(userId: string, deliveryId: string, now = Date.now()): Promise<ResendDeliveryResult> {
  const delivery = await selectOwnedDelivery(userId, deliveryId).select(["d.id", "d.webhook_id", "w.enabled"]).executeTakeFirst();
  if (!delivery) return { ok: false, code: "not_found", message: "Delivery not found" };
  // The worker cancels deliveries of disabled webhooks: say so now rather than log a cancel.
  if (delivery.enabled !== 1) return { ok: false, code: "webhook_disabled", message: WEBHOOK_DISABLED_MESSAGE };

  const result = await getDb()
    .updateTable("deliveries")
    .set(requeueNow(now))
    .where("id", "=", delivery.id)
    .where("user_id", "=", userId)
    // The lease check sits in the UPDATE itself, so a claim racing this cannot slip between.
    .where((eb) =>
      eb.or([
        eb("status", "in", ["delivered", "failed", "cancelled"]),
        eb("locked_until", "is", null),
        eb("locked_until", "<=", now),
      ]),
    )
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    return { ok: false, code: "in_flight", message: "This delivery is being sent right now: wait for the attempt to finish" };
  }
  await notifyWorkers();
  return { ok: true, deliveryId: delivery.id, webhookId: delivery.webhook_id };
}
