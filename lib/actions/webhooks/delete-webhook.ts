"use server";

import { WEBHOOK_NOT_FOUND } from "@/lib/actions/result";
import { authenticatedAction } from "@/lib/actions/safe-action";
import { ZWebhookIdSchema } from "@/lib/validation/webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";

/** "Delete" after its confirmation: the webhook goes with its whole delivery log. */
export const deleteWebhookAction = authenticatedAction({
  name: "delete webhook",
  schema: ZWebhookIdSchema,
  handler: async (user, { id }) => {
    if (!(await deleteWebhook(user.id, id))) return WEBHOOK_NOT_FOUND;
    return { ok: true };
  },
});
