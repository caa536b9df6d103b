// GET /api/deliveries/:id: one delivery with every attempt, for the log's side sheet.
import { getSessionUser } from "@/lib/auth/session";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { jsonError, jsonOk, unauthorized } from "@/lib/http/json-responses";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user) return unauthorized();
  const delivery = await getDelivery(user.id, (await params).id);
  return delivery ? jsonOk(delivery) : jsonError(404, "not_found", "Delivery not found");
}
