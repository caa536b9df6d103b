"use server";

import { runForSessionUser } from "@/lib/actions/webhooks/run-for-session-user";
import { copyAsCurlForUser } from "./handlers/copy-as-curl";

/** "Copy as curl" in the delivery sheet: the secret stays on the server, only the signed command leaves. A read. */
export async function copyAsCurlAction(input: unknown) {
  return runForSessionUser(input, copyAsCurlForUser, { revalidate: false });
}
