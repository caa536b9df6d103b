"use server";

import { rotateWebhookSecretForUser } from "@/lib/actions/webhooks/handlers/rotate-webhook-secret";
import { runForSessionUser } from "@/lib/actions/webhooks/run-for-session-user";

/** "Rotate": a new secret now; the old one keeps signing for the grace period. */
export async function rotateWebhookSecretAction(input: unknown) {
  return runForSessionUser(input, rotateWebhookSecretForUser);
}
