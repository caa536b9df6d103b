import { getDeliveryQueue } from "@/lib/delivery-engine/queue/queue";
import { selectOwnedDelivery } from "@/lib/delivery-log/owned-delivery";

export const WEBHOOK_DISABLED_MESSAGE = "This webhook is disabled: enable it before sending again";

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

  // The queue refuses a row with a live lease in the same UPDATE, so a racing claim cannot slip between.
  const requeued = await getDeliveryQueue().requeue({ userId, ids: [delivery.id] }, now);
  if (requeued === 0) {
    return { ok: false, code: "in_flight", message: "This delivery is being sent right now: wait for the attempt to finish" };
  }
  return { ok: true, deliveryId: delivery.id, webhookId: delivery.webhook_id };
}
