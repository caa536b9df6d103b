"use server";

import { WEBHOOK_NOT_FOUND } from "@/lib/actions/result";
import { authenticatedAction } from "@/lib/actions/safe-action";
import { ZSetWebhookEnabledSchema } from "@/lib/validation/webhook-enabled";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";

/** The Enabled switch and "Re-enable": turning a webhook on clears why the system turned it off. */
export const setWebhookEnabledAction = authenticatedAction({
  name: "set webhook enabled",
  schema: ZSetWebhookEnabledSchema,
  handler: async (user, { id, enabled }) => {
    const webhook = await setWebhookEnabled(user.id, id, enabled);
    if (!webhook) return WEBHOOK_NOT_FOUND;
    return { ok: true, webhook };
  },
});
