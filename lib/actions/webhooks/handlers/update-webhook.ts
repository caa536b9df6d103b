import type { ActionResult } from "@/lib/actions/result";
import type { SessionUser } from "@/lib/auth/session";
import { ZUpdateWebhookSchema } from "@/lib/validation/webhook";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
import { invalidInput, NOT_FOUND } from "./results";

export async function updateWebhookForUser(user: SessionUser, input: unknown): Promise<ActionResult<{ webhook: WebhookView }>> {
  const parsed = ZUpdateWebhookSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const webhook = await updateWebhook(user.id, parsed.data);
  return webhook ? { ok: true, webhook } : NOT_FOUND;
}
