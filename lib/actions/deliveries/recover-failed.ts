"use server";

import { runForSessionUser } from "@/lib/actions/webhooks/run-for-session-user";
import { countFailedSinceForUser, recoverFailedForUser } from "./handlers/recover-failed";

/** The "Recover failed" confirmation's count; reads only. */
export async function countFailedSinceAction(input: unknown) {
  return runForSessionUser(input, countFailedSinceForUser, { revalidate: false });
}

export async function recoverFailedAction(input: unknown) {
  return runForSessionUser(input, recoverFailedForUser);
}
