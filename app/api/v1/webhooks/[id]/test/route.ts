// POST /api/v1/webhooks/:id/test {"event"}: the event's example to this webhook only, with the first attempt's outcome.
import { webhookNotFound } from "@/lib/api-v1/answers";
import { invalidFields, readInput } from "@/lib/http/json-body";
import { withApiToken } from "@/lib/http/with-api-token";
import { ZSendTestEventSchema } from "@/lib/validation/deliveries";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

const ZBodySchema = ZSendTestEventSchema.pick({ event: true }).strict();

export const POST = withApiToken<{ id: string }>({ scope: "write" }, async ({ request, token, params }) => {
  const input = await readInput(request, ZBodySchema);
  if (!input.ok) return input.response;
  const result = await sendTestEvent(token.userId, params.id, input.value.event);
  if (!result.ok) return result.code === "not_found" ? webhookNotFound() : invalidFields({ event: result.message });
  return Response.json({ deliveryId: result.deliveryId, eventId: result.eventId, outcome: result.outcome });
});
