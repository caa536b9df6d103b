import type { ActionResult } from "@/lib/actions/result";
import { invalidInput, NOT_FOUND } from "@/lib/actions/webhooks/handlers/results";
import type { SessionUser } from "@/lib/auth/session";
import { ZWebhookRefSchema } from "@/lib/validation/deliveries";
import { type RotatedSecret, rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";

export async function rotateWebhookSecretForUser(user: SessionUser, input: unknown): Promise<ActionResult<RotatedSecret>> {
  const parsed = ZWebhookRefSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const rotated = await rotateWebhookSecret(user.id, parsed.data.webhookId);
  return rotated ? { ok: true, ...rotated } : NOT_FOUND;
}
