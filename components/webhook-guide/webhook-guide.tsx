import Link from "next/link";
import { CodeBlock } from "@/components/ui/code-block";
import { EVENT_GROUPS, toDottedName, WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { exampleDeliveryBody } from "./example-delivery-body";
import { DOCUMENSO_GUIDE_PATH } from "./guide-paths";
import { GuideSection } from "./guide-section";
import { GuideTable } from "./guide-table";
import { PLAIN_HMAC_SNIPPET, STANDARD_WEBHOOKS_SNIPPET } from "./verify-snippets";

const DESCRIPTIONS = new Map<string, string>(WEBHOOK_EVENTS.map((e) => [e.wire, e.description]));

const HEADERS: [string, string][] = [
  ["content-type", "application/json"],
  ["webhook-id", "The delivery's message id (msg_…), the same on every retry: de-duplicate on it."],
  ["webhook-timestamp", "Unix seconds of this attempt."],
  ["webhook-signature", "v1,<base64 HMAC-SHA256> (Standard Webhooks). Two, space-separated, for a day after a secret rotation."],
  ["x-documenso-signature", "Hex HMAC-SHA256 of the body with the secret as shown (Documenso's header)."],
  ["user-agent", "Docuhooks-Webhooks/1.0"],
  ["x-documenso-secret", "Only with the webhook's Documenso option on: the secret itself, as Documenso sends it."],
  ["your own", "The webhook's custom headers (an API key your endpoint checks, say), on every attempt."],
];

/** The in-app guide: what we send, how to verify it, and every event with an example body. */
export function WebhookGuide() {
  return (
    <article aria-labelledby="guide-heading" className="grid max-w-3xl gap-8 text-sm leading-relaxed text-neutral-800">
      <header className="grid gap-2">
        <Link href="/settings/webhooks" className="text-sm text-neutral-600 hover:text-neutral-900 hover:underline">
          ← All webhooks
        </Link>
        <h2 id="guide-heading" className="text-lg font-semibold tracking-tight text-neutral-900">
          Webhooks guide
        </h2>
        <p>
          A webhook is a URL of yours that we call when something happens to a document: one HTTP POST per event, with a JSON body
          describing the document, signed with your webhook&apos;s secret so you can tell it came from us.
        </p>
        <p>
          Coming from Documenso? Your receivers can keep working unchanged:{" "}
          <Link href={DOCUMENSO_GUIDE_PATH} className="underline underline-offset-2 hover:text-neutral-900">
            moving from Documenso
          </Link>
          .
        </p>
      </header>

      <GuideSection id="guide-delivery" title="How deliveries work">
        <ul className="grid list-disc gap-1.5 pl-5">
          <li>Any 2xx answer within 10 seconds counts as delivered. Redirects are not followed.</li>
          <li>
            Anything else is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (8 attempts over about a day), then marked
            failed. A 429 or 503 with <code className="font-mono text-xs">Retry-After</code> is honoured.
          </li>
          <li>
            <strong>410 Gone</strong> disables the webhook at once; a webhook whose every attempt failed for 5 days is disabled
            too. Its page says why, and one click re-enables it.
          </li>
          <li>
            Each webhook&apos;s page shows every delivery and attempt (headers and bodies), lets you resend one, recover
            everything that failed since a time, send a test event, and copy a delivery as a ready-to-run{" "}
            <code className="font-mono text-xs">curl</code>.
          </li>
        </ul>
      </GuideSection>

      <GuideSection id="guide-headers" title="Request headers">
        <GuideTable columns={["Header", "Value"]} rows={HEADERS} firstColumn="code" />
      </GuideSection>

      <GuideSection id="guide-verify" title="Verify a delivery in Node">
        <p>
          With the <code className="font-mono text-xs">standardwebhooks</code> library (the Standard Webhooks signature, checked
          with its timestamp so an old request can&apos;t be replayed):
        </p>
        <CodeBlock
          title="server.mjs"
          text={STANDARD_WEBHOOKS_SNIPPET}
          copyLabel="Copy the standardwebhooks example"
          isFullHeight
        />
        <p>
          Or with a plain HMAC of the body, as Documenso receivers check{" "}
          <code className="font-mono text-xs">X-Documenso-Signature</code>:
        </p>
        <CodeBlock title="verify.mjs" text={PLAIN_HMAC_SNIPPET} copyLabel="Copy the HMAC example" isFullHeight />
        <p>
          After rotating a secret, <code className="font-mono text-xs">webhook-signature</code> carries a signature with the new
          and the old secret for a day, so a receiver on either one keeps verifying while you switch.
        </p>
      </GuideSection>

      <GuideSection id="guide-events" title="Events">
        <p>
          Each event&apos;s body, as your endpoint receives it. The Test button on a webhook&apos;s page sends these same
          examples. Recipients&apos; signing <code className="font-mono text-xs">token</code>s are left out unless the webhook
          includes them.
        </p>
        {EVENT_GROUPS.map((group) => (
          <div key={group.label} className="grid gap-2">
            <h4 className="text-xs font-medium uppercase tracking-wide text-neutral-600">{group.label}</h4>
            {group.events.map((wire) => {
              const name = toDottedName(wire);
              return (
                <details key={wire} className="group rounded-md border border-neutral-200 bg-white">
                  <summary className="flex cursor-pointer flex-wrap items-baseline justify-between gap-2 px-3 py-2">
                    <span className="font-mono text-[13px] font-medium">{name}</span>
                    <span className="text-neutral-600">{DESCRIPTIONS.get(wire)}</span>
                  </summary>
                  <div className="border-t border-neutral-200 p-3">
                    <CodeBlock
                      title={`Example: ${name}`}
                      text={exampleDeliveryBody(name)}
                      copyLabel={`Copy example of ${name}`}
                    />
                  </div>
                </details>
              );
            })}
          </div>
        ))}
      </GuideSection>
    </article>
  );
}
