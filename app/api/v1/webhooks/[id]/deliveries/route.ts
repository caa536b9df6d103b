// GET /api/v1/webhooks/:id/deliveries?status=&event=&search=&cursor=&limit=: one page of the delivery log.
import { invalidQuery, webhookNotFound } from "@/lib/api-v1/answers";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { withApiToken } from "@/lib/http/with-api-token";
import { listDeliveriesQueryFromSearchParams } from "@/lib/validation/deliveries";

export const GET = withApiToken<{ id: string }>({ scope: "read" }, async ({ request, token, params }) => {
  const query = listDeliveriesQueryFromSearchParams(new URL(request.url).searchParams);
  if (!query.success) return invalidQuery(query.fieldErrors);
  const page = await listDeliveries(token.userId, params.id, query.data);
  return page ? Response.json({ data: page.rows, nextCursor: page.nextCursor }) : webhookNotFound();
});
