// POST /api/v1/deliveries/:id/resend: a new attempt of the same message, queued now.
import { deliveryNotFound } from "@/lib/api-v1/answers";
import { resendDelivery } from "@/lib/delivery-log/resend-delivery";
import { apiError } from "@/lib/http/api-error";
import { withApiToken } from "@/lib/http/with-api-token";

export const POST = withApiToken<{ id: string }>({ scope: "write" }, async ({ token, params }) => {
  const result = await resendDelivery(token.userId, params.id);
  if (!result.ok) return result.code === "not_found" ? deliveryNotFound() : apiError(409, result.code, result.message);
  return Response.json({ deliveryId: result.deliveryId, webhookId: result.webhookId }, { status: 202 });
});
