"use server";

import { authenticatedAction } from "@/lib/actions/safe-action";
import { resendDelivery } from "@/lib/delivery-log/resend-delivery";
import { ZDeliveryIdSchema } from "@/lib/validation/deliveries";

/** "Resend" in the delivery sheet: a new attempt of the same message, queued now. */
export const resendDeliveryAction = authenticatedAction({
  name: "resend delivery",
  schema: ZDeliveryIdSchema,
  handler: async (user, { deliveryId }) => {
    const result = await resendDelivery(user.id, deliveryId);
    return result.ok
      ? { ok: true, deliveryId: result.deliveryId, webhookId: result.webhookId }
      : { ok: false, message: result.message };
  },
});
