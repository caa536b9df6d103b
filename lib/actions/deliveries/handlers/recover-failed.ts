import type { ActionResult } from "@/lib/actions/result";
import { invalidInput, NOT_FOUND } from "@/lib/actions/webhooks/handlers/results";
import type { SessionUser } from "@/lib/auth/session";
import { countFailedSince, type FailedSinceCount, recoverFailedSince } from "@/lib/delivery-log/recover-failed";
import { ZRecoverFailedSchema } from "@/lib/validation/deliveries";

/** The confirmation's figure: how many failed deliveries "Recover" would send again. */
export async function countFailedSinceForUser(user: SessionUser, input: unknown): Promise<ActionResult<FailedSinceCount>> {
  const parsed = ZRecoverFailedSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const count = await countFailedSince(user.id, parsed.data.webhookId, parsed.data.since);
  return count ? { ok: true, ...count } : NOT_FOUND;
}

export async function recoverFailedForUser(user: SessionUser, input: unknown): Promise<ActionResult<{ recovered: number }>> {
  const parsed = ZRecoverFailedSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await recoverFailedSince(user.id, parsed.data.webhookId, parsed.data.since);
  return result.ok ? { ok: true, recovered: result.recovered } : { ok: false, message: result.message };
}
