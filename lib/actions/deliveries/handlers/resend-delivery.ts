import type { ActionResult } from "@/lib/actions/result";
import { invalidInput } from "@/lib/actions/webhooks/handlers/results";
import type { SessionUser } from "@/lib/auth/session";
import { resendDelivery } from "@/lib/delivery-log/resend-delivery";
import { ZDeliveryIdSchema } from "@/lib/validation/deliveries";

export async function resendDeliveryForUser(
  user: SessionUser,
  input: unknown,
): Promise<ActionResult<{ deliveryId: string; webhookId: string }>> {
  const parsed = ZDeliveryIdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await resendDelivery(user.id, parsed.data.deliveryId);
  return result.ok
    ? { ok: true, deliveryId: result.deliveryId, webhookId: result.webhookId }
    : { ok: false, message: result.message };
}
