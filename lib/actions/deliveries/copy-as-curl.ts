"use server";

import { authenticatedAction } from "@/lib/actions/safe-action";
import { buildCurl } from "@/lib/delivery-log/build-curl";
import { ZDeliveryIdSchema } from "@/lib/validation/deliveries";

/** "Copy as curl" in the delivery sheet: the secret stays on the server, only the signed command leaves. A read. */
export const copyAsCurlAction = authenticatedAction({
  name: "copy as curl",
  schema: ZDeliveryIdSchema,
  handler: async (user, { deliveryId }) => {
    const curl = await buildCurl(user.id, deliveryId);
    return curl ? { ok: true, ...curl } : { ok: false, message: "Delivery not found" };
  },
});
