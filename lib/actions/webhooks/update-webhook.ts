"use server";

import { updateWebhookForUser } from "./handlers/update-webhook";
import { runForSessionUser } from "./run-for-session-user";

export async function updateWebhookAction(input: unknown) {
  return runForSessionUser(input, updateWebhookForUser);
}
