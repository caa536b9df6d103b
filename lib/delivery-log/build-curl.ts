import { getDb } from "@/db";
import { MASKED_VALUE } from "@/lib/crypto/masked-value";
import {
  buildDelivery,
  buildDeliveryHeaders,
  headerExtrasFor,
  headersForLog,
  loggedRequestBody,
  signingKeysFor,
} from "@/lib/delivery-engine/build-request";

export type CurlCommand = {
  command: string;
  /** Unix seconds in `webhook-timestamp`: receivers accept it for a few minutes (5 in the spec). */
  timestamp: number;
  /** False when the webhook has no secret: the command then carries no signature headers. */
  isSigned: boolean;
  /** Headers whose value the command shows masked (X-Documenso-Secret, custom headers): fill them in to run it. */
  maskedHeaders: string[];
};

/**
 * Quotes one shell word for sh/bash/zsh: inside single quotes nothing is special, and a single
 * quote is written as '\'' (close, escaped quote, reopen). Safe for any byte but NUL.
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A curl command that reproduces the delivery's request as the receiver would get it now: the
 * latest attempt's URL and exact body (before any attempt: what the worker would send), signed
 * afresh with the webhook's current secret (and the rotated-out one while it is still valid)
 * and a fresh timestamp, under the same `webhook-id`. undefined when the delivery is not the
 * user's. Runs on the server only: it needs the decrypted secret. Like the log, the command
 * masks what only the receiver may know: X-Documenso-Secret, custom header values and
 * recipients' signing tokens.
 */
export async function buildCurl(userId: string, deliveryId: string, now = Date.now()): Promise<CurlCommand | undefined> {
  const db = getDb();
  const row = await db
    .selectFrom("deliveries as d")
    .innerJoin("events as e", "e.id", "d.event_id")
    .innerJoin("webhooks as w", "w.id", "d.webhook_id")
    .select([
      "d.id",
      "e.type",
      "e.payload",
      "e.payload_with_tokens",
      "e.created_at",
      "w.url",
      "w.enabled",
      "w.secret_encrypted",
      "w.previous_secret_encrypted",
      "w.previous_secret_expires_at",
      "w.send_secret_header",
      "w.include_recipient_tokens",
      "w.custom_headers",
    ])
    .where("d.id", "=", deliveryId)
    .where("d.user_id", "=", userId)
    .where("w.user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return undefined;

  const latest = await db
    .selectFrom("delivery_attempts")
    .select(["request_url", "request_body"])
    .where("delivery_id", "=", row.id)
    .orderBy("started_at", "desc")
    .orderBy("attempt_number", "desc")
    .limit(1)
    .executeTakeFirst();
  const url = latest?.request_url ?? row.url;
  const webhook = {
    url: row.url,
    enabled: row.enabled,
    secret_encrypted: row.secret_encrypted,
    previous_secret_encrypted: row.previous_secret_encrypted,
    previous_secret_expires_at: row.previous_secret_expires_at === null ? null : Number(row.previous_secret_expires_at),
    send_secret_header: row.send_secret_header,
    include_recipient_tokens: row.include_recipient_tokens,
    custom_headers: row.custom_headers,
  };
  const event = {
    type: row.type,
    payload: row.payload,
    payloadWithTokens: row.payload_with_tokens,
    createdAt: Number(row.created_at),
  };
  // The latest attempt's body as its log shows it (tokens masked); before any attempt, the
  // body the worker would log.
  const body = latest
    ? loggedRequestBody(latest.request_body, event, latest.request_url)
    : buildDelivery(row.id, event, webhook, url, now).logged.body;

  const timestamp = Math.floor(now / 1000);
  const keys = signingKeysFor(webhook, now);
  const extras = headerExtrasFor(webhook, keys, url);
  const headers = headersForLog(buildDeliveryHeaders(row.id, timestamp, body, keys, extras), extras);
  const parts = ["curl", "-sS", "-X", "POST", shellQuote(url)];
  for (const [name, value] of Object.entries(headers)) parts.push("-H", shellQuote(`${name}: ${value}`));
  parts.push("--data-binary", shellQuote(body));
  const maskedHeaders = Object.keys(headers).filter((name) => headers[name] === MASKED_VALUE);
  return { command: parts.join(" "), timestamp, isSigned: keys !== undefined, maskedHeaders };
}
