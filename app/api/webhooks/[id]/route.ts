// GET /api/webhooks/:id: one of the user's webhooks (no secret), for its detail page's header, polled.
import { apiError } from "@/lib/http/api-error";
import { withSession } from "@/lib/http/with-session";
import { getWebhookDetail } from "@/lib/webhooks/get-webhook-detail";

export const GET = withSession<{ id: string }>(async ({ user, params }) => {
  const webhook = await getWebhookDetail(user.id, params.id);
  return webhook ? Response.json(webhook) : apiError(404, "not_found", "Webhook not found");
});
