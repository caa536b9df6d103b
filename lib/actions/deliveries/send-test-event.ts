"use server";

import { runForSessionUser } from "@/lib/actions/webhooks/run-for-session-user";
import { sendTestEventForUser } from "./handlers/send-test-event";

/** "Test": sends the event's sample to this webhook only and answers with the first attempt's outcome. */
export async function sendTestEventAction(input: unknown) {
  return runForSessionUser(input, sendTestEventForUser);
}
