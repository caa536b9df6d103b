"use server";

import { WEBHOOK_NOT_FOUND } from "@/lib/actions/result";
import { authenticatedAction } from "@/lib/actions/safe-action";
import { countRecoverable, recoverDeliveries } from "@/lib/delivery-log/recover-deliveries";
import { ZRecoverDeliveriesSchema } from "@/lib/validation/deliveries";

/** Recover's confirmation figure: how many Failing and Failed deliveries it would send again. A read. */
export const countRecoverableAction = authenticatedAction({
  name: "count recoverable",
  schema: ZRecoverDeliveriesSchema,
  handler: async (user, { webhookId, since }) => {
    const count = await countRecoverable(user.id, webhookId, since);
    return count ? { ok: true, ...count } : WEBHOOK_NOT_FOUND;
  },
});

/** Recover: every Failing and Failed delivery since the chosen time, queued again as a manual attempt. */
export const recoverDeliveriesAction = authenticatedAction({
  name: "recover deliveries",
  schema: ZRecoverDeliveriesSchema,
  handler: async (user, { webhookId, since }) => {
    const result = await recoverDeliveries(user.id, webhookId, since);
    return result.ok ? { ok: true, recovered: result.recovered } : { ok: false, message: result.message };
  },
});
