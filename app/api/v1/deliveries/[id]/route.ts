// GET /api/v1/deliveries/:id: one delivery of the token's owner, with every attempt.
import { deliveryNotFound } from "@/lib/api-v1/answers";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { withApiToken } from "@/lib/http/with-api-token";

export const GET = withApiToken<{ id: string }>({ scope: "read" }, async ({ token, params }) => {
  const delivery = await getDelivery(token.userId, params.id);
  return delivery ? Response.json(delivery) : deliveryNotFound();
});
