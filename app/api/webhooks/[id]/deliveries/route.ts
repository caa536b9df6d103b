// GET /api/webhooks/:id/deliveries?status=&event=&search=&cursor=&limit=: one page of the
// webhook's delivery log, polled by the detail page (react-query) with the filters of its URL.
import { getSessionUser } from "@/lib/auth/session";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { jsonError, jsonOk, unauthorized } from "@/lib/http/json-responses";
import { listDeliveriesQueryFromSearchParams } from "@/lib/validation/deliveries";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user) return unauthorized();
  const query = listDeliveriesQueryFromSearchParams(new URL(request.url).searchParams);
  if (!query.success) {
    return jsonError(400, "invalid_query", Object.values(query.fieldErrors)[0] ?? "Invalid filters", query.fieldErrors);
  }
  const page = await listDeliveries(user.id, (await params).id, query.data);
  return page ? jsonOk(page) : jsonError(404, "not_found", "Webhook not found");
}
