import type { ActionResult } from "@/lib/actions/result";
import type { SessionUser } from "@/lib/auth/session";
import { ZWebhookIdSchema } from "@/lib/validation/webhook";
import { revealWebhookSecret } from "@/lib/webhooks/reveal-webhook-secret";
import { invalidInput, NOT_FOUND } from "./results";

export async function revealWebhookSecretForUser(
  user: SessionUser,
  input: unknown,
): Promise<ActionResult<{ secret: string | null }>> {
  const parsed = ZWebhookIdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const revealed = await revealWebhookSecret(user.id, parsed.data.id);
  return revealed ? { ok: true, secret: revealed.secret } : NOT_FOUND;
}
