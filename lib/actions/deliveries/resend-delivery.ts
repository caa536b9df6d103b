"use server";

import { runForSessionUser } from "@/lib/actions/webhooks/run-for-session-user";
import { resendDeliveryForUser } from "./handlers/resend-delivery";

/** "Resend" in the delivery sheet: a new attempt of the same message, queued now. */
export async function resendDeliveryAction(input: unknown) {
  return runForSessionUser(input, resendDeliveryForUser);
}
