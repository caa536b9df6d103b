import { Badge } from "@/components/ui/badge";
import { CodeBlock } from "@/components/ui/code-block";
import { TimeText } from "@/components/ui/time-text";
import { MASKED_VALUE } from "@/lib/crypto/masked-value";
import type { DeliveryAttemptDetail } from "@/lib/delivery-log/get-delivery";
import { formatDuration } from "@/lib/format";
import { prettyJson } from "./pretty-json";

const TRIGGER_LABEL: Record<DeliveryAttemptDetail["trigger"], string> = {
  scheduled: "Scheduled",
  manual: "Manual",
  test: "Test",
};

function headerText(headers: Record<string, string> | null): string {
  if (!headers) return "";
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}

function hasMaskedValues(attempt: DeliveryAttemptDetail): boolean {
  return Object.values(attempt.requestHeaders).includes(MASKED_VALUE) || attempt.requestBody.includes(`"${MASKED_VALUE}"`);
}

/** One attempt: what was sent and what came back, each part copyable. */
export function AttemptCard({ attempt, maxAttempts }: { attempt: DeliveryAttemptDetail; maxAttempts: number }) {
  const headingId = `attempt-${attempt.id}`;
  return (
    <article aria-labelledby={headingId} className="grid gap-3 rounded-lg border border-neutral-200 bg-white p-4">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-sm font-semibold">
          Attempt {attempt.attemptNumber} of {Math.max(maxAttempts, attempt.attemptNumber)}
        </h3>
        <div className="flex flex-wrap items-center gap-2 text-xs text-neutral-600">
          <Badge variant="outline" className="font-sans">
            {TRIGGER_LABEL[attempt.trigger]}
          </Badge>
          <Badge variant={attempt.succeeded ? "success" : "destructive"} className="font-sans">
            {attempt.responseStatus !== null ? `HTTP ${attempt.responseStatus}` : "No response"}
          </Badge>
          <span>{formatDuration(attempt.durationMs)}</span>
          <TimeText ms={attempt.startedAt} />
        </div>
      </header>
      {attempt.error ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <span className="font-medium">Error: </span>
          {attempt.error}
        </p>
      ) : null}
      <p className="break-all font-mono text-xs text-neutral-600">POST {attempt.requestUrl}</p>
      {hasMaskedValues(attempt) ? (
        <p className="text-xs text-neutral-600">
          {MASKED_VALUE} marks what the receiver got but the log never shows: X-Documenso-Secret, custom header values and
          recipients&apos; signing tokens. With tokens masked, the body no longer matches its signature.
        </p>
      ) : null}
      <CodeBlock title="Request headers" text={headerText(attempt.requestHeaders)} />
      <CodeBlock title="Request body" text={prettyJson(attempt.requestBody)} />
      {attempt.responseStatus !== null ? (
        <>
          <CodeBlock title="Response headers" text={headerText(attempt.responseHeaders)} />
          <CodeBlock title="Response body" text={attempt.responseBody === null ? "" : prettyJson(attempt.responseBody)} />
        </>
      ) : null}
    </article>
  );
}
