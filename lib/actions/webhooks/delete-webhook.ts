"use server";

import { deleteWebhookForUser } from "./handlers/delete-webhook";
import { runForSessionUser } from "./run-for-session-user";

export async function deleteWebhookAction(input: unknown) {
  return runForSessionUser(input, deleteWebhookForUser);
}
