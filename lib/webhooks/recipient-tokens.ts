import { MASKED_VALUE } from "@/lib/crypto/masked-value";
import { applyEdits, arrayElements, type JsonEdit, objectMembers, skipWhitespace, withoutMembers } from "@/lib/json/json-text";

// Documenso puts each recipient's signing `token` (whoever holds it can sign as that
// recipient) in `recipients[]` and in its older duplicate `Recipient[]`. Receivers get it only
// from webhooks that opted in, and the delivery log never shows it. Both edits work on the
// payload's JSON text and change nothing else in it, byte for byte.

const RECIPIENT_LISTS = new Set(["recipients", "Recipient"]);
const TOKEN_KEY = "token";

function editRecipients(payloadText: string, editRecipient: (recipientText: string) => string): string {
  // Most payloads have no token at all: skip the scan. An escaped key ("t\u006fken") still
  // takes the slow path, because it contains "\u".
  if (!payloadText.includes(TOKEN_KEY) && !payloadText.includes("\\u")) return payloadText;
  const start = skipWhitespace(payloadText, 0);
  if (payloadText.charCodeAt(start) !== 0x7b /* { */) return payloadText;
  const edits: JsonEdit[] = [];
  for (const member of objectMembers(payloadText, start)) {
    if (!RECIPIENT_LISTS.has(member.key) || payloadText.charCodeAt(member.valueStart) !== 0x5b /* [ */) continue;
    for (const element of arrayElements(payloadText, member.valueStart)) {
      if (payloadText.charCodeAt(element.start) !== 0x7b) continue;
      const recipient = payloadText.slice(element.start, element.end);
      const edited = editRecipient(recipient);
      if (edited !== recipient) edits.push({ ...element, text: edited });
    }
  }
  return applyEdits(payloadText, edits);
}

/** The payload without recipients' `token` members. */
export function withoutRecipientTokens(payloadText: string): string {
  return editRecipients(payloadText, (recipient) => withoutMembers(recipient, (key) => key === TOKEN_KEY));
}

/** The payload with each recipient token's value replaced by MASKED_VALUE (for the log). */
export function maskRecipientTokens(payloadText: string): string {
  return editRecipients(payloadText, (recipient) =>
    applyEdits(
      recipient,
      objectMembers(recipient, 0)
        .filter((member) => member.key === TOKEN_KEY)
        .map((member) => ({ start: member.valueStart, end: member.valueEnd, text: JSON.stringify(MASKED_VALUE) })),
    ),
  );
}
