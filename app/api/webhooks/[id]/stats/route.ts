// GET /api/webhooks/:id/stats?range=24h|7d: the detail page's chart (deliveries and p95 per bucket), polled.
import { getWebhookStats } from "@/lib/delivery-log/get-webhook-stats";
import { isStatsRange, STATS_RANGE_NAMES } from "@/lib/delivery-log/stats-ranges";
import { apiError } from "@/lib/http/api-error";
import { withSession } from "@/lib/http/with-session";

export const GET = withSession<{ id: string }>(async ({ request, user, params }) => {
  const range = new URL(request.url).searchParams.get("range") ?? "24h";
  if (!isStatsRange(range)) {
    const message = `range must be one of ${STATS_RANGE_NAMES.join(", ")}`;
    return apiError(400, "invalid_query", message, { fields: { range: message } });
  }
  const stats = await getWebhookStats(user.id, params.id, range);
  return stats ? Response.json(stats) : apiError(404, "not_found", "Webhook not found");
});
