// GET /api/webhooks/:id/health: the detail page's health strip (last 24 h), polled.
import { getSessionUser } from "@/lib/auth/session";
import { getWebhookHealth } from "@/lib/delivery-log/get-webhook-health";
import { jsonError, jsonOk, unauthorized } from "@/lib/http/json-responses";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user) return unauthorized();
  const health = await getWebhookHealth(user.id, (await params).id);
  return health ? jsonOk(health) : jsonError(404, "not_found", "Webhook not found");
}
