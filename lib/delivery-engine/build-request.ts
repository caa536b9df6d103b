import { type SigningKeys, signatureHeaders } from "@/lib/delivery-engine/signing";

// The exact bytes of a delivery (docs/architecture.md, "Wire format"): Documenso's
// envelope, built once per attempt by splicing the stored payload JSON text in (never
// re-parsed or re-serialized), then signed, then sent as the same string.

export const USER_AGENT = "Docuhooks-Webhooks/1.0";

export function buildDeliveryBody(eventType: string, payloadJson: string, createdAtIso: string, url: string): string {
  return `{"event":${JSON.stringify(eventType)},"payload":${payloadJson},"createdAt":"${createdAtIso}","webhookEndpoint":${JSON.stringify(url)}}`;
}

export type DeliveryHeaders = Record<string, string>;

export function buildDeliveryHeaders(
  msgId: string,
  timestampSeconds: number,
  body: string,
  keys: SigningKeys | undefined,
): DeliveryHeaders {
  const headers: DeliveryHeaders = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "webhook-id": msgId,
    "webhook-timestamp": String(timestampSeconds),
  };
  const signatures = signatureHeaders(keys, msgId, timestampSeconds, body);
  if (signatures) {
    headers["webhook-signature"] = signatures["webhook-signature"];
    headers["x-documenso-signature"] = signatures["x-documenso-signature"];
  }
  return headers;
}
