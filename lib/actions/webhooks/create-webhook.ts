"use server";

import { createWebhookForUser } from "./handlers/create-webhook";
import { runForSessionUser } from "./run-for-session-user";

export async function createWebhookAction(input: unknown) {
  return runForSessionUser(input, createWebhookForUser);
}
