"use server";

import { z } from "zod";
import { authenticatedAction } from "@/lib/actions/safe-action";
import { endAllSessions } from "@/lib/auth/session-store";

/** Ends every session of the user, this browser's too: each of their cookies signs nobody in. */
export const signOutEverywhereAction = authenticatedAction({
  name: "sign out everywhere",
  schema: z.object({}).strict(),
  handler: async (user) => {
    await endAllSessions(user.id);
    return { ok: true };
  },
});
