// POST /api/v1/webhooks/:id/recover {"since"}: queues again what failed since then.
import { webhookNotFound } from "@/lib/api-v1/answers";
import { recoverFailedSince } from "@/lib/delivery-log/recover-failed";
import { apiError } from "@/lib/http/api-error";
import { readInput } from "@/lib/http/json-body";
import { withApiToken } from "@/lib/http/with-api-token";
import { ZRecoverFailedSchema } from "@/lib/validation/deliveries";

const ZBodySchema = ZRecoverFailedSchema.pick({ since: true }).strict();

export const POST = withApiToken<{ id: string }>({ scope: "write" }, async ({ request, token, params }) => {
  const input = await readInput(request, ZBodySchema);
  if (!input.ok) return input.response;
  const result = await recoverFailedSince(token.userId, params.id, input.value.since);
  if (!result.ok) return result.code === "not_found" ? webhookNotFound() : apiError(409, result.code, result.message);
  return Response.json({ recovered: result.recovered });
});
