// GET /api/webhooks/:id/health: the detail page's health strip (last 24 h), polled.
import { getWebhookHealth } from "@/lib/delivery-log/get-webhook-health";
import { apiError } from "@/lib/http/api-error";
import { withSession } from "@/lib/http/with-session";

export const GET = withSession<{ id: string }>(async ({ user, params }) => {
  const health = await getWebhookHealth(user.id, params.id);
  return health ? Response.json(health) : apiError(404, "not_found", "Webhook not found");
});
