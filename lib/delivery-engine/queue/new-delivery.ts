import type { NewDelivery } from "@/lib/delivery-engine/queue/queue";
import { newId } from "@/lib/ids";
import type { WireEventName } from "@/lib/webhooks/events";

/** A fresh outbox row: due at once, unclaimed, no attempt yet. The one place its defaults live. */
export function newDeliveryRow({
  eventId,
  eventType,
  webhookId,
  userId,
  now,
  trigger = null,
}: {
  eventId: string;
  eventType: WireEventName;
  webhookId: string;
  userId: string;
  now: number;
  trigger?: "test" | "manual" | null;
}): NewDelivery {
  return {
    id: newId("msg"),
    event_id: eventId,
    event_type: eventType,
    webhook_id: webhookId,
    user_id: userId,
    status: "pending",
    attempt_count: 0,
    next_attempt_at: now,
    next_trigger: trigger,
    locked_until: null,
    last_status_code: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
}
