import type { Insertable } from "kysely";
import type { DeliveriesTable } from "@/db/types";
import { newId } from "@/lib/ids";

/** A fresh outbox row: due at once, unclaimed, no attempt yet. The one place its defaults live. */
export function newDeliveryRow({
  eventId,
  webhookId,
  userId,
  now,
  trigger = null,
}: {
  eventId: string;
  webhookId: string;
  userId: string;
  now: number;
  trigger?: "test" | "manual" | null;
}): Insertable<DeliveriesTable> {
  return {
    id: newId("msg"),
    event_id: eventId,
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
