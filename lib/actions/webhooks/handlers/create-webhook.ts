import type { ActionResult } from "@/lib/actions/result";
import type { SessionUser } from "@/lib/auth/session";
import { ZCreateWebhookSchema } from "@/lib/validation/webhook";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
import { invalidInput } from "./results";

export async function createWebhookForUser(user: SessionUser, input: unknown): Promise<ActionResult<{ webhook: WebhookView }>> {
  const parsed = ZCreateWebhookSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await createWebhook(user.id, parsed.data);
  if (!result.ok) return { ok: false, message: `You can have at most ${result.limit} webhooks. Delete one to add another.` };
  return { ok: true, webhook: result.webhook };
}
