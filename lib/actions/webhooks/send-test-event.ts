"use server";

import { sendTestEventForUser } from "@/lib/actions/webhooks/handlers/send-test-event";
import { runForSessionUser } from "@/lib/actions/webhooks/run-for-session-user";

/** "Test": sends the event's sample to this webhook only and answers with the first attempt's outcome. */
export async function sendTestEventAction(input: unknown) {
  return runForSessionUser(input, sendTestEventForUser);
}
