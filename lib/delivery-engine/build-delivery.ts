import { allowPrivateTargets } from "@/lib/config";
import { decryptSecret } from "@/lib/crypto/encryption";
import {
  buildDeliveryBody,
  buildDeliveryHeaders,
  type DeliveryHeaderExtras,
  type DeliveryHeaders,
  headersForLog,
} from "@/lib/delivery-engine/build-request";
import type { ClaimedWebhook } from "@/lib/delivery-engine/claim-deliveries";
import { type SigningKeys, signingKeysFor } from "@/lib/delivery-engine/signing";
import { openCustomHeaders, type StoredHeader } from "@/lib/webhooks/custom-headers";
import { maskRecipientTokens } from "@/lib/webhooks/recipient-tokens";

// One attempt's request for one webhook, with its options applied (payload with or without
// recipients' tokens, X-Documenso-Secret, custom headers), and the same request as the log
// keeps it: secrets and tokens masked. The worker sends `body`/`headers`; the log and Copy
// as curl only ever see `logged`.

export type DeliveryEvent = {
  type: string;
  payload: string;
  /** Sealed; only passed for a webhook that wants tokens (else null). */
  payloadWithTokens: string | null;
  createdAt: number;
};

export type BuiltDelivery = {
  body: string;
  headers: DeliveryHeaders;
  logged: { body: string; headers: DeliveryHeaders };
  isSigned: boolean;
};

const MAX_CACHED_HEADER_SETS = 10_000;
const headerCache = new Map<string, StoredHeader[]>();

/** Decrypted once per stored value, like signing keys: a changed header is a new value. */
function customHeadersOf(json: string | null): StoredHeader[] {
  if (!json) return [];
  let headers = headerCache.get(json);
  if (!headers) {
    headers = openCustomHeaders(json);
    if (headerCache.size >= MAX_CACHED_HEADER_SETS) headerCache.clear();
    headerCache.set(json, headers);
  }
  return headers;
}

/**
 * What the webhook adds to our headers. The secret in the clear never crosses plain http,
 * whatever was saved before (only WEBHOOK_ALLOW_PRIVATE, for local receivers, allows it).
 */
export function headerExtrasFor(
  webhook: Pick<ClaimedWebhook, "send_secret_header" | "custom_headers">,
  keys: SigningKeys | undefined,
  url: string,
): DeliveryHeaderExtras | undefined {
  const isSecretHeaderSent =
    webhook.send_secret_header === 1 && keys !== undefined && (url.startsWith("https:") || allowPrivateTargets());
  if (!isSecretHeaderSent && !webhook.custom_headers) return undefined;
  return { secretHeader: isSecretHeaderSent ? keys?.secret : undefined, customHeaders: customHeadersOf(webhook.custom_headers) };
}

/** Throws when a stored secret cannot be decrypted: such a request must never go out unsigned. */
export function buildDelivery(
  msgId: string,
  event: DeliveryEvent,
  webhook: ClaimedWebhook,
  url: string,
  now: number,
): BuiltDelivery {
  const createdAtIso = new Date(event.createdAt).toISOString();
  const withTokens =
    webhook.include_recipient_tokens === 1 && event.payloadWithTokens ? decryptSecret(event.payloadWithTokens) : undefined;
  const body = buildDeliveryBody(event.type, withTokens ?? event.payload, createdAtIso, url);
  const loggedBody =
    withTokens === undefined ? body : buildDeliveryBody(event.type, maskRecipientTokens(withTokens), createdAtIso, url);

  const keys = signingKeysFor(webhook, now);
  const extras = headerExtrasFor(webhook, keys, url);
  const headers = buildDeliveryHeaders(msgId, Math.floor(now / 1000), body, keys, extras);
  return {
    body,
    headers,
    logged: { body: loggedBody, headers: headersForLog(headers, extras) },
    isSigned: keys !== undefined,
  };
}
