import { Badge } from "@/components/ui/badge";
import { CodeBlock } from "@/components/ui/code-block";
import { TimeText } from "@/components/ui/time-text";
import { describeStatus } from "@/lib/delivery-log/describe-error";
import type { DeliveryAttemptDetail } from "@/lib/delivery-log/get-delivery";
import { formatBytes, formatDuration } from "@/lib/format";
import { AttemptError } from "./attempt-error";
import { prettyJson } from "./pretty-json";

const TRIGGER_LABEL: Record<DeliveryAttemptDetail["trigger"], string> = {
  scheduled: "Scheduled",
  manual: "Manual resend",
  test: "Test",
};

function headerText(headers: Record<string, string> | null): string {
  if (!headers) return "";
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}

/** A part of the attempt that is only sometimes needed: closed until asked for. */
function Collapsible({ summary, children }: { summary: string; children: React.ReactNode }) {
  return (
    <details className="group rounded-md border border-neutral-200">
      <summary className="cursor-pointer select-none px-3 py-2 text-xs font-medium text-neutral-700 hover:bg-neutral-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-neutral-950">
        {summary}
      </summary>
      <div className="border-t border-neutral-200 p-3">{children}</div>
    </details>
  );
}

/**
 * One attempt, answer first: the response's status, time and body, or the error in words;
 * then what was sent. Headers and the request body are collapsed; only the latest attempt
 * starts open, so a delivery with many attempts stays short.
 */
export function AttemptCard({ attempt, isLatest }: { attempt: DeliveryAttemptDetail; isLatest: boolean }) {
  const headingId = `attempt-${attempt.id}`;
  const hasResponse = attempt.responseStatus !== null;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-neutral-200 bg-white">
      <details open={isLatest} className="group">
        <summary className="flex cursor-pointer select-none flex-wrap items-center justify-between gap-2 rounded-lg px-4 py-3 hover:bg-neutral-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-neutral-950">
          <h3 id={headingId} className="text-sm font-semibold">
            Attempt {attempt.attemptNumber}
            <span className="font-normal text-neutral-600"> · {TRIGGER_LABEL[attempt.trigger]}</span>
          </h3>
          <span className="flex flex-wrap items-center gap-2 text-xs text-neutral-600">
            <Badge variant={attempt.succeeded ? "success" : "destructive"} className="font-sans">
              {hasResponse ? `HTTP ${attempt.responseStatus}` : "No response"}
            </Badge>
            <span>{formatDuration(attempt.durationMs)}</span>
            <TimeText ms={attempt.startedAt} />
          </span>
        </summary>
        <div className="grid gap-3 border-t border-neutral-200 p-4">
          {attempt.error ? (
            <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
              <AttemptError error={attempt.error} />
            </p>
          ) : null}
          {hasResponse ? (
            <section aria-label="Response" className="grid gap-2">
              <p className="text-sm">
                <span className="font-medium">{describeStatus(attempt.responseStatus!)}</span>
                <span className="text-neutral-600"> in {formatDuration(attempt.durationMs)}</span>
              </p>
              <CodeBlock
                title="Response body"
                text={attempt.responseBody === null ? "" : prettyJson(attempt.responseBody)}
                isWrapped
              />
              <Collapsible summary={`Response headers (${Object.keys(attempt.responseHeaders ?? {}).length})`}>
                <CodeBlock title="Response headers" text={headerText(attempt.responseHeaders)} isWrapped />
              </Collapsible>
            </section>
          ) : null}
          <section aria-label="Request" className="grid gap-2">
            <p className="break-all font-mono text-xs text-neutral-600">POST {attempt.requestUrl}</p>
            <Collapsible summary={`Request headers (${Object.keys(attempt.requestHeaders).length})`}>
              <CodeBlock title="Request headers" text={headerText(attempt.requestHeaders)} isWrapped />
            </Collapsible>
            <Collapsible summary={`Request body (${formatBytes(new TextEncoder().encode(attempt.requestBody).length)})`}>
              <CodeBlock title="Request body" text={prettyJson(attempt.requestBody)} isWrapped />
            </Collapsible>
          </section>
        </div>
      </details>
    </article>
  );
}
