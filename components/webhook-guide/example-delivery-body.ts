import { parseEventName } from "@/lib/webhooks/events";
import { getSamplePayload } from "@/lib/webhooks/samples";

/**
 * What a receiver gets for the event (Documenso's envelope around the sample document), pretty
 * printed: the same sample files the Test button sends.
 */
export function exampleDeliveryBody(eventName: string): string {
  const wire = parseEventName(eventName);
  if (!wire) return "";
  return JSON.stringify(
    {
      event: wire,
      payload: getSamplePayload(wire),
      createdAt: "2024-04-22T10:05:49.012Z",
      webhookEndpoint: "https://example.com/webhooks/documenso",
    },
    null,
    2,
  );
}
