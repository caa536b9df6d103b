// GET /api/deliveries/:id: one delivery with every attempt, for the log's side sheet.
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { apiError } from "@/lib/http/api-error";
import { withSession } from "@/lib/http/with-session";

export const GET = withSession<{ id: string }>(async ({ user, params }) => {
  const delivery = await getDelivery(user.id, params.id);
  return delivery ? Response.json(delivery) : apiError(404, "not_found", "Delivery not found");
});
