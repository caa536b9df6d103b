import { getDb } from "@/db";
import type { AttemptTrigger } from "@/db/types";
import { loggedRequestBody } from "@/lib/delivery-engine/build-request";
import { deliveryProgress } from "@/lib/delivery-log/delivery-progress";
import { deliveryStateOf } from "@/lib/delivery-log/delivery-states";
import type { DeliveryListRow } from "@/lib/delivery-log/list-deliveries";
import { selectOwnedDelivery } from "@/lib/delivery-log/owned-delivery";
import { toDottedName, type WireEventName } from "@/lib/webhooks/events";

export type DeliveryAttemptDetail = {
  id: string;
  attemptNumber: number;
  trigger: AttemptTrigger;
  startedAt: number;
  durationMs: number;
  succeeded: boolean;
  requestUrl: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  /** null when no response came (timeout, refused, SSRF block…): see `error`. */
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  /** Cut at 64 KiB by the worker. */
  responseBody: string | null;
  error: string | null;
};

export type DeliveryDetail = DeliveryListRow & {
  webhookId: string;
  webhookUrl: string;
  /** Oldest first. */
  attempts: DeliveryAttemptDetail[];
};

/** One delivery of the user with every attempt, or undefined (another user's id included). */
export async function getDelivery(userId: string, deliveryId: string): Promise<DeliveryDetail | undefined> {
  const delivery = await selectOwnedDelivery(userId, deliveryId)
    .select([
      "d.id",
      "d.webhook_id",
      "w.url",
      "d.event_id",
      "e.type",
      "e.payload",
      "e.created_at as event_created_at",
      "d.status",
      "d.attempt_count",
      "d.manual_attempt_count",
      "d.next_attempt_at",
      "d.next_trigger",
      "d.resume_at",
      "d.last_status_code",
      "d.last_error",
      "d.created_at",
      "d.updated_at",
    ])
    .executeTakeFirst();
  if (!delivery) return undefined;
  const event = { type: delivery.type, payload: delivery.payload, createdAt: Number(delivery.event_created_at) };

  const attempts = await getDb()
    .selectFrom("delivery_attempts")
    .selectAll()
    .where("delivery_id", "=", delivery.id)
    .orderBy("started_at", "asc")
    .orderBy("attempt_number", "asc")
    .execute();

  return {
    id: delivery.id,
    webhookId: delivery.webhook_id,
    webhookUrl: delivery.url,
    eventId: delivery.event_id,
    eventType: toDottedName(delivery.type as WireEventName),
    state: deliveryStateOf(delivery.status).name,
    ...deliveryProgress(delivery),
    lastStatusCode: delivery.last_status_code,
    lastError: delivery.last_error,
    createdAt: Number(delivery.created_at),
    updatedAt: Number(delivery.updated_at),
    attempts: attempts.map((attempt) => ({
      id: attempt.id,
      attemptNumber: attempt.attempt_number,
      trigger: attempt.trigger,
      startedAt: Number(attempt.started_at),
      durationMs: attempt.duration_ms,
      succeeded: attempt.succeeded === 1,
      requestUrl: attempt.request_url,
      requestHeaders: parseHeaders(attempt.request_headers) ?? {},
      requestBody: loggedRequestBody(attempt.request_body, event, attempt.request_url),
      responseStatus: attempt.response_status,
      responseHeaders: parseHeaders(attempt.response_headers),
      responseBody: attempt.response_body,
      error: attempt.error,
    })),
  };
}

/** Headers are stored as a JSON object; anything else shows as none rather than failing the page. */
function parseHeaders(json: string | null): Record<string, string> | null {
  if (json === null) return null;
  try {
    const parsed = JSON.parse(json) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
    return Object.fromEntries(
      Object.entries(parsed).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value)]),
    );
  } catch {
    return null;
  }
}
