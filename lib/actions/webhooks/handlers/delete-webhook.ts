import type { ActionResult } from "@/lib/actions/result";
import type { SessionUser } from "@/lib/auth/session";
import { ZWebhookIdSchema } from "@/lib/validation/webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { invalidInput, NOT_FOUND } from "./results";

export async function deleteWebhookForUser(user: SessionUser, input: unknown): Promise<ActionResult> {
  const parsed = ZWebhookIdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return (await deleteWebhook(user.id, parsed.data.id)) ? { ok: true } : NOT_FOUND;
}
