import type { WireEventName } from "@/lib/webhooks/events";
import { withoutRecipientTokens } from "@/lib/webhooks/recipient-tokens";
import { getSamplePayload } from "@/lib/webhooks/samples";

/** The sample document as a webhook without the token option receives it. */
export function sampleWithoutTokens(wire: WireEventName): Record<string, unknown> {
  return JSON.parse(withoutRecipientTokens(JSON.stringify(getSamplePayload(wire))));
}
