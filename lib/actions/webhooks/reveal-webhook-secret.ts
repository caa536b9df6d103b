"use server";

import { revealWebhookSecretForUser } from "./handlers/reveal-webhook-secret";
import { runForSessionUser } from "./run-for-session-user";

// A read: nothing to revalidate.
export async function revealWebhookSecretAction(input: unknown) {
  return runForSessionUser(input, revealWebhookSecretForUser, { revalidate: false });
}
