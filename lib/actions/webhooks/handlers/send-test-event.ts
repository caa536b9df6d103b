import type { ActionResult } from "@/lib/actions/result";
import { invalidInput } from "@/lib/actions/webhooks/handlers/results";
import type { SessionUser } from "@/lib/auth/session";
import { ZSendTestEventSchema } from "@/lib/validation/deliveries";
import { sendTestEvent, type TestEventOutcome } from "@/lib/webhooks/send-test-event";

export type SendTestEventActionData = { deliveryId: string; eventId: string; outcome: TestEventOutcome };

export async function sendTestEventForUser(user: SessionUser, input: unknown): Promise<ActionResult<SendTestEventActionData>> {
  const parsed = ZSendTestEventSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await sendTestEvent(user.id, parsed.data.webhookId, parsed.data.event);
  if (!result.ok) {
    return result.code === "not_subscribed"
      ? { ok: false, message: result.message, fieldErrors: { event: result.message } }
      : { ok: false, message: result.message };
  }
  return { ok: true, deliveryId: result.deliveryId, eventId: result.eventId, outcome: result.outcome };
}
