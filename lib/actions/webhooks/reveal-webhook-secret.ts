"use server";

import { WEBHOOK_NOT_FOUND } from "@/lib/actions/result";
import { authenticatedAction } from "@/lib/actions/safe-action";
import { ZWebhookIdSchema } from "@/lib/validation/webhook";
import { revealWebhookSecret } from "@/lib/webhooks/reveal-webhook-secret";

/** Reveal or Copy: the decrypted secret, to its owner only. A read. */
export const revealWebhookSecretAction = authenticatedAction({
  name: "reveal webhook secret",
  schema: ZWebhookIdSchema,
  handler: async (user, { id }) => {
    const revealed = await revealWebhookSecret(user.id, id);
    return revealed ? { ok: true, secret: revealed.secret } : WEBHOOK_NOT_FOUND;
  },
});
