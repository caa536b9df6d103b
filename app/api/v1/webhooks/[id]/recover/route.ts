// POST /api/v1/webhooks/:id/recover {"since"}: queues again what is Failing or Failed since then.
import { webhookNotFound } from "@/lib/api-v1/answers";
import { recoverDeliveries } from "@/lib/delivery-log/recover-deliveries";
import { apiError } from "@/lib/http/api-error";
import { readInput } from "@/lib/http/json-body";
import { withApiToken } from "@/lib/http/with-api-token";
import { ZRecoverDeliveriesSchema } from "@/lib/validation/deliveries";

const ZBodySchema = ZRecoverDeliveriesSchema.pick({ since: true }).strict();

export const POST = withApiToken<{ id: string }>({ scope: "write" }, async ({ request, token, params }) => {
  const input = await readInput(request, ZBodySchema);
  if (!input.ok) return input.response;
  const result = await recoverDeliveries(token.userId, params.id, input.value.since);
  if (!result.ok) return result.code === "not_found" ? webhookNotFound() : apiError(409, result.code, result.message);
  return Response.json({ recovered: result.recovered });
});
