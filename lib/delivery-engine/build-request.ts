import { MASKED_VALUE } from "@/lib/crypto/masked-value";
import { type SigningKeys, signatureHeaders } from "@/lib/delivery-engine/signing";
import { isReservedHeaderName } from "@/lib/validation/webhook-headers";

// The exact bytes of a delivery (docs/architecture.md, "Wire format"): Documenso's
// envelope, built once per attempt by splicing the stored payload JSON text in (never
// re-parsed or re-serialized), then signed, then sent as the same string.

export const USER_AGENT = "Docuhooks-Webhooks/1.0";

export function buildDeliveryBody(eventType: string, payloadJson: string, createdAtIso: string, url: string): string {
  return `{"event":${JSON.stringify(eventType)},"payload":${payloadJson},"createdAt":"${createdAtIso}","webhookEndpoint":${JSON.stringify(url)}}`;
}

export type DeliveryHeaders = Record<string, string>;

/** What a webhook adds to our headers: its secret in the clear (Documenso's way), its own headers. */
export type DeliveryHeaderExtras = {
  secretHeader?: string;
  customHeaders?: readonly { name: string; value: string }[];
};

const SECRET_HEADER = "x-documenso-secret";

export function buildDeliveryHeaders(
  msgId: string,
  timestampSeconds: number,
  body: string,
  keys: SigningKeys | undefined,
  extras?: DeliveryHeaderExtras,
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
  if (!extras) return headers;
  if (extras.secretHeader !== undefined) headers[SECRET_HEADER] = extras.secretHeader;
  // Validation refuses reserved names; a row written before a name became reserved must
  // still not override ours.
  for (const header of extras.customHeaders ?? []) if (!isReservedHeaderName(header.name)) headers[header.name] = header.value;
  return headers;
}

/**
 * The headers as the delivery log and Copy as curl show them: the secret and custom header
 * values masked, as they are secrets of the owner's receiver. The same object when there is
 * nothing to mask.
 */
export function headersForLog(headers: DeliveryHeaders, extras: DeliveryHeaderExtras | undefined): DeliveryHeaders {
  if (!extras || (extras.secretHeader === undefined && !extras.customHeaders?.length)) return headers;
  const logged = { ...headers };
  if (SECRET_HEADER in logged) logged[SECRET_HEADER] = MASKED_VALUE;
  for (const header of extras.customHeaders ?? []) if (header.name in logged) logged[header.name] = MASKED_VALUE;
  return logged;
}
