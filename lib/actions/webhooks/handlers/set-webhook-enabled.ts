import type { ActionResult } from "@/lib/actions/result";
import type { SessionUser } from "@/lib/auth/session";
import { ZSetWebhookEnabledSchema } from "@/lib/validation/webhook-enabled";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
import { invalidInput, NOT_FOUND } from "./results";

export async function setWebhookEnabledForUser(
  user: SessionUser,
  input: unknown,
): Promise<ActionResult<{ webhook: WebhookView }>> {
  const parsed = ZSetWebhookEnabledSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const webhook = await setWebhookEnabled(user.id, parsed.data.id, parsed.data.enabled);
  return webhook ? { ok: true, webhook } : NOT_FOUND;
}
