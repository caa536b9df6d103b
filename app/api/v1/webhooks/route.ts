// GET /api/v1/webhooks: the token owner's webhooks, a page at a time. POST: creates one.
import { fieldErrorsOf } from "@/lib/actions/result";
import { invalidQuery, webhookNotFound } from "@/lib/api-v1/answers";
import { createWebhookInput, requestHash, ZApiCreateWebhookSchema } from "@/lib/api-v1/webhook-input";
import { apiError } from "@/lib/http/api-error";
import { parseInput, readJsonBody } from "@/lib/http/json-body";
import { withApiToken } from "@/lib/http/with-api-token";
import { ZIdempotencyKeySchema } from "@/lib/validation/event-request";
import { pageParams } from "@/lib/validation/page-query";
import { ZWebhookPageQuerySchema } from "@/lib/validation/webhook-page";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { getWebhookDetail } from "@/lib/webhooks/get-webhook-detail";
import { listWebhooksPage } from "@/lib/webhooks/list-webhooks";
import { revealWebhookSecret } from "@/lib/webhooks/reveal-webhook-secret";

export const GET = withApiToken({ scope: "read" }, async ({ request, token }) => {
  const query = ZWebhookPageQuerySchema.safeParse(pageParams(new URL(request.url).searchParams));
  if (!query.success) return invalidQuery(fieldErrorsOf(query.error));
  const page = await listWebhooksPage(token.userId, query.data);
  return Response.json({ data: page.rows, nextCursor: page.nextCursor });
});

export const POST = withApiToken({ scope: "write" }, async ({ request, token }) => {
  const key = request.headers.get("idempotency-key");
  const parsedKey = key === null ? undefined : ZIdempotencyKeySchema.safeParse(key);
  if (parsedKey && !parsedKey.success) {
    const message = parsedKey.error.issues[0].message;
    return apiError(400, "invalid_request", `Idempotency-Key: ${message}`, { fields: { "Idempotency-Key": message } });
  }
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const { input, isSecretGenerated } = createWebhookInput(body.value);
  const parsed = parseInput(ZApiCreateWebhookSchema, input);
  if (!parsed.ok) return parsed.response;

  const idempotency = parsedKey?.success ? { key: parsedKey.data, requestHash: requestHash(body.value) } : undefined;
  const result = await createWebhook(token.userId, parsed.value, { idempotency });
  if (!result.ok) return apiError(409, result.code, result.message);
  const webhook = await getWebhookDetail(token.userId, result.webhook.id);
  if (!webhook) return webhookNotFound();
  // A replay is the same request, so its secret was generated too: the current one is the answer.
  const secret = isSecretGenerated
    ? result.replayed
      ? (await revealWebhookSecret(token.userId, webhook.id))?.secret
      : parsed.value.secret
    : undefined;
  return Response.json(
    { ...webhook, ...(secret ? { secret } : {}) },
    { status: result.replayed ? 200 : 201, headers: result.replayed ? { "idempotent-replayed": "true" } : {} },
  );
});
