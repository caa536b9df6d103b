import Link from "next/link";
import { CodeBlock } from "@/components/ui/code-block";
import { DOCUMENSO_RECEIVER_SNIPPET, SIGNATURE_RECEIVER_SNIPPET, VERIFY_SIGNATURE_SNIPPET } from "./documenso-migration-snippets";
import { WEBHOOK_GUIDE_PATH } from "./guide-paths";
import { GuideSection } from "./guide-section";
import { GuideTable } from "./guide-table";

// What changes for a receiver written for Documenso: one row per difference, in the order a
// reader checks them.
const DIFFERENCES: [string, string, string][] = [
  [
    "Body",
    "{ event, payload, createdAt, webhookEndpoint } with the wire names (DOCUMENT_SIGNED) and the Document payload.",
    "The same envelope and names; the payload is byte for byte what was sent to our API.",
  ],
  [
    "X-Documenso-Secret",
    "Always sent: your secret in plain text (empty without one).",
    "Not sent, unless you turn on “Also send the secret in X-Documenso-Secret” (https only).",
  ],
  [
    "Signatures",
    "None.",
    "webhook-id, webhook-timestamp, webhook-signature (Standard Webhooks) and X-Documenso-Signature (HMAC of the body), on every request.",
  ],
  ["Recipients' token", "In every payload.", "Left out, unless you turn on “Include recipients' signing tokens”."],
  [
    "Retries",
    "3–5 attempts, back to back or with a short backoff, depending on the job provider.",
    "8 attempts over about 27 hours (5 s … 10 h), the same webhook-id each time; 410 Gone disables the webhook.",
  ],
  ["Test", "Sent to every webhook listening for the event.", "Sent only to the webhook you test."],
  ["Your own headers", "Not possible.", "Custom headers per webhook (e.g. an API key), sent on every attempt."],
];

/** Settings → Webhooks → Guide → Moving from Documenso. */
export function DocumensoMigrationGuide() {
  return (
    <article aria-labelledby="migration-heading" className="grid max-w-3xl gap-8 text-sm leading-relaxed text-neutral-800">
      <header className="grid gap-2">
        <Link href={WEBHOOK_GUIDE_PATH} className="text-sm text-neutral-600 hover:text-neutral-900 hover:underline">
          ← Webhooks guide
        </Link>
        <h2 id="migration-heading" className="text-lg font-semibold tracking-tight text-neutral-900">
          Moving from Documenso
        </h2>
        <p>
          Receivers written for Documenso&apos;s webhooks work here unchanged on the day you switch, with two options on the
          webhook. Then, at your own pace, move them to signature checks and turn the options off.
        </p>
      </header>

      <GuideSection id="migration-sees" title="What a Documenso receiver sees">
        <GuideTable columns={["", "Documenso", "Docuhooks"]} rows={DIFFERENCES} firstColumn="label" />
        <p>
          Every example in Documenso&apos;s webhook docs, posted to <code className="font-mono text-xs">POST /api/v1/events</code>{" "}
          as it is, is accepted and reaches your receiver with the same payload.
        </p>
      </GuideSection>

      <GuideSection id="migration-day" title="On the day you switch">
        <ol className="grid list-decimal gap-1.5 pl-5">
          <li>
            Create the webhook with the <strong>same secret</strong> your receiver has (paste it into Secret).
          </li>
          <li>
            Under Documenso compatibility, turn on <strong>Also send the secret in X-Documenso-Secret</strong>. If your
            integration builds signing links from recipients&apos; tokens, turn on{" "}
            <strong>Include recipients&apos; signing tokens</strong> too.
          </li>
          <li>Send a test event from the webhook&apos;s page: your receiver should answer 2xx, as it did for Documenso.</li>
        </ol>
      </GuideSection>

      <GuideSection id="migration-signatures" title="Then: check signatures instead of the secret">
        <p>
          X-Documenso-Secret carries the secret itself, so anyone who sees one request can forge the next. Every request also
          carries a signature made with that same secret, which proves the body came from us and is less than five minutes old,
          without ever revealing the secret. Your receiver today:
        </p>
        <CodeBlock title="server.js (before)" text={DOCUMENSO_RECEIVER_SNIPPET} copyLabel="Copy the Documenso receiver" />
        <p>
          Save this verifier next to it. It needs nothing but Node (or use the{" "}
          <code className="font-mono text-xs">standardwebhooks</code> library, as in the{" "}
          <Link href={WEBHOOK_GUIDE_PATH} className="underline underline-offset-2">
            webhooks guide
          </Link>
          ):
        </p>
        <CodeBlock title="verify-docuhooks.mjs" text={VERIFY_SIGNATURE_SNIPPET} copyLabel="Copy the verifier" isFullHeight />
        <p>
          And check it instead of the header. The one real change: read the <strong>raw body</strong>, because the signature
          covers the exact bytes.
        </p>
        <CodeBlock title="server.mjs (after)" text={SIGNATURE_RECEIVER_SNIPPET} copyLabel="Copy the new receiver" isFullHeight />
        <ol className="grid list-decimal gap-1.5 pl-5">
          <li>Deploy the new receiver. Signatures are sent all along, so it works at once, option on or off.</li>
          <li>
            Edit the webhook and turn <strong>Also send the secret in X-Documenso-Secret</strong> off.
          </li>
          <li>
            Rotate the secret (the webhook&apos;s page): it travelled in plain text until now. For a day both the old and the new
            secret sign, so update your receiver&apos;s secret within that day.
          </li>
        </ol>
      </GuideSection>
    </article>
  );
}
