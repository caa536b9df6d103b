import { parseEventName } from "@/lib/webhooks/events";
import { withoutRecipientTokens } from "@/lib/webhooks/recipient-tokens";
import { getSamplePayload } from "@/lib/webhooks/samples";

/**
 * What a receiver gets for the event (Documenso's envelope around the sample document), pretty
 * printed: the same sample files the Test button sends, without recipients' signing tokens
 * unless `withTokens` (the webhook option that keeps them).
 */
export function exampleDeliveryBody(eventName: string, withTokens = false): string {
  const wire = parseEventName(eventName);
  if (!wire) return "";
  return JSON.stringify(
    {
      event: wire,
      payload: withTokens ? getSamplePayload(wire) : JSON.parse(withoutRecipientTokens(JSON.stringify(getSamplePayload(wire)))),
      createdAt: "2024-04-22T10:05:49.012Z",
      webhookEndpoint: "https://example.com/webhooks/documenso",
    },
    null,
    2,
  );
}
