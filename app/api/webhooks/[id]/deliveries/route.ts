// GET /api/webhooks/:id/deliveries?status=&event=&search=&cursor=&limit=: one page of the
// webhook's delivery log, polled by the detail page (react-query) with the filters of its URL.
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { apiError } from "@/lib/http/api-error";
import { withSession } from "@/lib/http/with-session";
import { listDeliveriesQueryFromSearchParams } from "@/lib/validation/deliveries";

export const GET = withSession<{ id: string }>(async ({ request, user, params }) => {
  const query = listDeliveriesQueryFromSearchParams(new URL(request.url).searchParams);
  if (!query.success) {
    const message = Object.values(query.fieldErrors)[0] ?? "Invalid filters";
    return apiError(400, "invalid_query", message, { fields: query.fieldErrors });
  }
  const page = await listDeliveries(user.id, params.id, query.data);
  return page ? Response.json(page) : apiError(404, "not_found", "Webhook not found");
});
