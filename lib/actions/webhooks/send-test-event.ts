"use server";

import { authenticatedAction } from "@/lib/actions/safe-action";
import { ZSendTestEventSchema } from "@/lib/validation/deliveries";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

/** "Test": sends the event's sample to this webhook only and answers with the first attempt's outcome. */
export const sendTestEventAction = authenticatedAction({
  name: "send test event",
  schema: ZSendTestEventSchema,
  handler: async (user, { webhookId, event }) => {
    const result = await sendTestEvent(user.id, webhookId, event);
    if (!result.ok) {
      // Not subscribed is about the chosen event: the dialog shows it under the Event field.
      return result.code === "not_subscribed"
        ? { ok: false, message: result.message, fieldErrors: { event: result.message } }
        : { ok: false, message: result.message };
    }
    return { ok: true, deliveryId: result.deliveryId, eventId: result.eventId, outcome: result.outcome };
  },
});
