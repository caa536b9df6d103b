// GET, PATCH (any field, `enabled` included) and DELETE /api/v1/webhooks/:id, of the token's owner.
import { webhookNotFound } from "@/lib/api-v1/answers";
import { patchedWebhookInput, ZApiUpdateWebhookSchema } from "@/lib/api-v1/webhook-input";
import { parseInput, readInput } from "@/lib/http/json-body";
import { withApiToken } from "@/lib/http/with-api-token";
import { ZUpdateWebhookSchema } from "@/lib/validation/webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getWebhookDetail } from "@/lib/webhooks/get-webhook-detail";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

type Params = { id: string };

export const GET = withApiToken<Params>({ scope: "read" }, async ({ token, params }) => {
  const webhook = await getWebhookDetail(token.userId, params.id);
  return webhook ? Response.json(webhook) : webhookNotFound();
});

export const PATCH = withApiToken<Params>({ scope: "write" }, async ({ request, token, params }) => {
  const current = await getWebhookDetail(token.userId, params.id);
  if (!current) return webhookNotFound();
  const patch = await readInput(request, ZApiUpdateWebhookSchema);
  if (!patch.ok) return patch.response;
  // The Edit dialog's schema on the result: its checks that span fields (X-Documenso-Secret
  // needs a secret and https) judge the webhook as it would be.
  const input = parseInput(ZUpdateWebhookSchema, patchedWebhookInput(current, patch.value));
  if (!input.ok) return input.response;
  if (!(await updateWebhook(token.userId, input.value))) return webhookNotFound();
  const webhook = await getWebhookDetail(token.userId, params.id);
  return webhook ? Response.json(webhook) : webhookNotFound();
});

export const DELETE = withApiToken<Params>({ scope: "write" }, async ({ token, params }) => {
  if (!(await deleteWebhook(token.userId, params.id))) return webhookNotFound();
  return new Response(null, { status: 204 });
});
