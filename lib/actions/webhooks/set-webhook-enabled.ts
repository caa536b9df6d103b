"use server";

import { setWebhookEnabledForUser } from "./handlers/set-webhook-enabled";
import { runForSessionUser } from "./run-for-session-user";

export async function setWebhookEnabledAction(input: unknown) {
  return runForSessionUser(input, setWebhookEnabledForUser);
}
