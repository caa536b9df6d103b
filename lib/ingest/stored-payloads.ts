import { encryptSecret } from "@/lib/crypto/encryption";
import { withoutRecipientTokens } from "@/lib/webhooks/recipient-tokens";

export type StoredPayloads = { payload: string; payload_with_tokens: string | null };

/**
 * The event's two payload columns. `payload` is what webhooks without the token option get:
 * the caller's text minus recipients' signing tokens. The text with tokens is kept (sealed,
 * like a secret: a token lets anyone sign as that recipient) only when there were tokens and
 * one of the subscribed webhooks asked for them, so tokens nobody wants are never stored.
 */
export function storedPayloads(payloadJson: string, isTokenWanted: boolean): StoredPayloads {
  const payload = withoutRecipientTokens(payloadJson);
  const hasTokens = payload.length !== payloadJson.length;
  return { payload, payload_with_tokens: hasTokens && isTokenWanted ? encryptSecret(payloadJson) : null };
}
