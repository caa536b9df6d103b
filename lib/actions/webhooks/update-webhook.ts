"use server";

import { WEBHOOK_NOT_FOUND } from "@/lib/actions/result";
import { authenticatedAction } from "@/lib/actions/safe-action";
import { ZUpdateWebhookSchema } from "@/lib/validation/webhook";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

/** "Edit": saves the form; an untouched Secret field keeps the stored secret. */
export const updateWebhookAction = authenticatedAction({
  name: "update webhook",
  schema: ZUpdateWebhookSchema,
  handler: async (user, input) => {
    const webhook = await updateWebhook(user.id, input);
    if (!webhook) return WEBHOOK_NOT_FOUND;
    return { ok: true, webhook };
  },
});
