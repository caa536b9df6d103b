import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import { allowPrivateTargets } from "@/lib/config";
import { decryptSecret } from "@/lib/crypto/encryption";
import { MASKED_VALUE } from "@/lib/crypto/masked-value";
import type { ClaimedWebhook } from "@/lib/delivery-engine/queue/queue";
import { isReservedHeaderName } from "@/lib/validation/webhook-headers";
import { openCustomHeaders, type StoredHeader } from "@/lib/webhooks/custom-headers";
import { maskRecipientTokens } from "@/lib/webhooks/recipient-tokens";

// One attempt's request, in the order it is made: the body, the signatures, the headers, and
// the same request as the log keeps it (secrets masked). The worker, test events and Copy as
// curl all build their requests here, so what is logged is what was sent.

// ---- Body -------------------------------------------------------------------------------

// The exact bytes of a delivery (docs/architecture.md, "Wire format"): Documenso's
// envelope, built once per attempt by splicing the stored payload JSON text in (never
// re-parsed or re-serialized), then signed, then sent as the same string.

export const USER_AGENT = "Docuhooks-Webhooks/1.0";

export function buildDeliveryBody(eventType: string, payloadJson: string, createdAtIso: string, url: string): string {
  return `{"event":${JSON.stringify(eventType)},"payload":${payloadJson},"createdAt":"${createdAtIso}","webhookEndpoint":${JSON.stringify(url)}}`;
}

/**
 * The body an attempt's log shows (detail, REST API, Copy as curl). The log stores a body only
 * when it is not the plain build from the event (recipients' tokens, masked); a null one is
 * rebuilt here from the event and the URL the attempt went to, byte for byte what was sent.
 * The rebuild is only as stable as buildDeliveryBody's format, which a test vector pins.
 */
export function loggedRequestBody(
  storedBody: string | null,
  event: { type: string; payload: string; createdAt: number },
  requestUrl: string,
): string {
  return storedBody ?? buildDeliveryBody(event.type, event.payload, new Date(event.createdAt).toISOString(), requestUrl);
}

// ---- Signatures -------------------------------------------------------------------------

// Signatures on every delivery (docs/architecture.md, "Wire format"):
// - Standard Webhooks v1: base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed by the
//   base64-decoded part of a `whsec_` secret, or by the UTF-8 bytes of any other secret (what
//   the official library calls format "raw").
// - X-Documenso-Signature: hex HMAC-SHA256 of the body, keyed by the secret as the user sees it.
// The raw secret itself is sent only to webhooks that opt into X-Documenso-Secret.

const WHSEC_PREFIX = "whsec_";

/** The HMAC key of a Standard Webhooks signature. Empty secrets are an error, never an empty key. */
export function standardWebhooksKey(secret: string): Buffer {
  const key = secret.startsWith(WHSEC_PREFIX)
    ? Buffer.from(secret.slice(WHSEC_PREFIX.length), "base64")
    : Buffer.from(secret, "utf8");
  if (key.length === 0) throw new Error("A webhook secret can't be empty");
  return key;
}

/** `v1,<base64 signature>` for one key. */
export function signStandardWebhook(key: Buffer | KeyObject, msgId: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", key).update(`${msgId}.${timestamp}.`).update(body).digest("base64")}`;
}

/** Hex HMAC-SHA256 of the body with the secret's UTF-8 bytes, for receivers that check a plain body HMAC. */
export function signDocumensoBody(secret: string | KeyObject, body: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/**
 * What a delivery signs with, prepared once per secret and reused for every attempt: turning
 * a secret into KeyObjects costs more than the HMAC of a 1 KB body.
 */
export type SigningKeys = {
  /** Current key first, then a previous key still inside its grace period. */
  standard: KeyObject[];
  documenso: KeyObject;
  /** The current secret as the user typed it, for webhooks that send it in X-Documenso-Secret. */
  secret: string;
};

export function prepareSigningKeys(secret: string, previousSecret?: string | null): SigningKeys {
  const standard = [createSecretKey(standardWebhooksKey(secret))];
  if (previousSecret) standard.push(createSecretKey(standardWebhooksKey(previousSecret)));
  return { standard, documenso: createSecretKey(Buffer.from(secret, "utf8")), secret };
}

export type SignatureHeaders = { "webhook-signature": string; "x-documenso-signature": string };

/**
 * The signature headers of one attempt. Several Standard Webhooks signatures are
 * space-separated while a rotated-out secret is still valid, so receivers on either secret
 * verify. Returns undefined without keys: no secret, no signature headers.
 */
export function signatureHeaders(
  keys: SigningKeys | undefined,
  msgId: string,
  timestamp: number,
  body: string,
): SignatureHeaders | undefined {
  if (!keys) return undefined;
  let standard = signStandardWebhook(keys.standard[0], msgId, timestamp, body);
  for (let i = 1; i < keys.standard.length; i++) standard += ` ${signStandardWebhook(keys.standard[i], msgId, timestamp, body)}`;
  return { "webhook-signature": standard, "x-documenso-signature": signDocumensoBody(keys.documenso, body) };
}

// Decrypting a secret (AES-GCM) and preparing its HMAC keys costs more than signing a body,
// so keys are kept per sealed value. A changed secret is a different sealed value, so the
// cache can never serve a stale key; it only bounds its own size.

const MAX_ENTRIES = 10_000;
const cache = new Map<string, SigningKeys>();

/** The keys that sign this webhook's deliveries now; undefined when it has no secret. */
export function signingKeysFor(
  webhook: Pick<ClaimedWebhook, "secret_encrypted" | "previous_secret_encrypted" | "previous_secret_expires_at">,
  now: number,
): SigningKeys | undefined {
  if (!webhook.secret_encrypted) return undefined;
  const previousIsValid =
    webhook.previous_secret_encrypted !== null &&
    (webhook.previous_secret_expires_at === null || webhook.previous_secret_expires_at > now);
  const previous = previousIsValid ? webhook.previous_secret_encrypted : null;
  const cacheKey = previous ? `${webhook.secret_encrypted} ${previous}` : webhook.secret_encrypted;
  let keys = cache.get(cacheKey);
  if (!keys) {
    const secret = decryptSecret(webhook.secret_encrypted);
    if (secret === "") return undefined;
    keys = prepareSigningKeys(secret, previous ? decryptSecret(previous) : null);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(cacheKey, keys);
  }
  return keys;
}

// ---- Headers ----------------------------------------------------------------------------

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

// ---- The whole attempt --------------------------------------------------------------------

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
  /**
   * `storedBody` is what delivery_attempts.request_body keeps: null when the logged body is
   * the plain build from the event and URL (loggedRequestBody rebuilds it), else the text.
   */
  logged: { body: string; headers: DeliveryHeaders; storedBody: string | null };
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
  webhook: Omit<ClaimedWebhook, "rate_limit_per_second">,
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
    logged: {
      body: loggedBody,
      headers: headersForLog(headers, extras),
      storedBody: withTokens === undefined ? null : loggedBody,
    },
    isSigned: keys !== undefined,
  };
}
