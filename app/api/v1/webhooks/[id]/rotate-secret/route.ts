// POST /api/v1/webhooks/:id/rotate-secret: a new generated secret, in this answer only.
import { webhookNotFound } from "@/lib/api-v1/answers";
import { withApiToken } from "@/lib/http/with-api-token";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";

export const POST = withApiToken<{ id: string }>({ scope: "write" }, async ({ token, params }) => {
  const rotated = await rotateWebhookSecret(token.userId, params.id);
  return rotated ? Response.json(rotated) : webhookNotFound();
});
