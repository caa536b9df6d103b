"use server";

import { runForSessionUser } from "@/lib/actions/webhooks/run-for-session-user";
import { rotateWebhookSecretForUser } from "./handlers/rotate-webhook-secret";

/** "Rotate": a new secret now; the old one keeps signing for the grace period. */
export async function rotateWebhookSecretAction(input: unknown) {
  return runForSessionUser(input, rotateWebhookSecretForUser);
}
