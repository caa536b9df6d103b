"use server";

import { WEBHOOK_NOT_FOUND } from "@/lib/actions/result";
import { authenticatedAction } from "@/lib/actions/safe-action";
import { ZWebhookRefSchema } from "@/lib/validation/deliveries";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";

/** "Rotate": a new secret now; the old one keeps signing for the grace period. */
export const rotateWebhookSecretAction = authenticatedAction({
  name: "rotate webhook secret",
  schema: ZWebhookRefSchema,
  handler: async (user, { webhookId }) => {
    const rotated = await rotateWebhookSecret(user.id, webhookId);
    return rotated ? { ok: true, ...rotated } : WEBHOOK_NOT_FOUND;
  },
});
