"use server";

import { WEBHOOK_NOT_FOUND } from "@/lib/actions/result";
import { authenticatedAction } from "@/lib/actions/safe-action";
import { countFailedSince, recoverFailedSince } from "@/lib/delivery-log/recover-failed";
import { ZRecoverFailedSchema } from "@/lib/validation/deliveries";

/** The "Recover failed" confirmation's figure: how many deliveries Recover would send again. A read. */
export const countFailedSinceAction = authenticatedAction({
  name: "count failed since",
  schema: ZRecoverFailedSchema,
  handler: async (user, { webhookId, since }) => {
    const count = await countFailedSince(user.id, webhookId, since);
    return count ? { ok: true, ...count } : WEBHOOK_NOT_FOUND;
  },
});

/** "Recover failed": every delivery that failed since the chosen time, queued again as a manual attempt. */
export const recoverFailedAction = authenticatedAction({
  name: "recover failed",
  schema: ZRecoverFailedSchema,
  handler: async (user, { webhookId, since }) => {
    const result = await recoverFailedSince(user.id, webhookId, since);
    return result.ok ? { ok: true, recovered: result.recovered } : { ok: false, message: result.message };
  },
});
