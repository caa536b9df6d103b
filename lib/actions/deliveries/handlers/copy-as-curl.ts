import type { ActionResult } from "@/lib/actions/result";
import { invalidInput } from "@/lib/actions/webhooks/handlers/results";
import type { SessionUser } from "@/lib/auth/session";
import { buildCurl, type CurlCommand } from "@/lib/delivery-log/build-curl";
import { ZDeliveryIdSchema } from "@/lib/validation/deliveries";

export async function copyAsCurlForUser(user: SessionUser, input: unknown): Promise<ActionResult<CurlCommand>> {
  const parsed = ZDeliveryIdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const curl = await buildCurl(user.id, parsed.data.deliveryId);
  return curl ? { ok: true, ...curl } : { ok: false, message: "Delivery not found" };
}
