"use server";

import { authenticatedAction } from "@/lib/actions/safe-action";
import { ZCreateWebhookSchema } from "@/lib/validation/webhook";
import { createWebhook } from "@/lib/webhooks/create-webhook";

/** "Create Webhook": the dialog's values, checked again here with the server's extra URL check. */
export const createWebhookAction = authenticatedAction({
  name: "create webhook",
  schema: ZCreateWebhookSchema,
  handler: async (user, input) => {
    const result = await createWebhook(user.id, input);
    if (!result.ok) return { ok: false, message: result.message };
    return { ok: true, webhook: result.webhook };
  },
});
