"use client";

import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { TimeText } from "@/components/ui/time-text";
import { describeStatus } from "@/lib/delivery-log/describe-error";
import type { WebhookHealth } from "@/lib/delivery-log/get-webhook-health";
import { formatCount, formatDuration, formatPercent } from "@/lib/format";
import { useWebhookHealth } from "@/lib/queries/delivery-log";
import { AttemptError } from "./attempt-error";
import { LoadError } from "./load-error";

function Stat({
  label,
  children,
  detail,
  tone,
}: {
  label: string;
  children: React.ReactNode;
  /** A line under the figure saying what it counts. */
  detail?: React.ReactNode;
  tone?: "good" | "bad";
}) {
  return (
    <div className="grid min-w-0 content-start gap-1 px-4 py-3">
      <dt className="text-xs font-medium text-neutral-600">{label}</dt>
      <dd
        className={cn(
          "text-base font-semibold tabular-nums",
          tone === "good" && "text-emerald-700",
          tone === "bad" && "text-red-700",
        )}
      >
        {children}
      </dd>
      {detail ? <dd className="text-xs text-neutral-600">{detail}</dd> : null}
    </div>
  );
}

const GRID = "grid grid-cols-2 sm:grid-cols-4";

function rateTone(rate: number | null): "good" | "bad" | undefined {
  if (rate === null) return undefined;
  if (rate >= 0.95) return "good";
  return rate < 0.5 ? "bad" : undefined;
}

function LastFailureCause({ failure }: { failure: NonNullable<WebhookHealth["lastFailure"]> }) {
  if (failure.error) return <AttemptError error={failure.error} />;
  return failure.statusCode !== null ? `HTTP ${describeStatus(failure.statusCode)}` : null;
}

/** Last 24 h at a glance, refreshed while the page is open. */
export function HealthStrip({ webhookId }: { webhookId: string }) {
  const query = useWebhookHealth(webhookId);
  const health = query.data;

  if (query.isError && !health) {
    return (
      <Card className="border-red-200 bg-red-50 px-4 py-3">
        <LoadError
          what="Health figures"
          message={query.error.message}
          onRetry={() => void query.refetch()}
          className="justify-between"
        />
      </Card>
    );
  }

  return (
    <section aria-labelledby="health-heading" className="grid min-w-0 grid-cols-1 gap-2">
      <h2 id="health-heading" className="text-sm font-semibold text-neutral-800">
        Health <span className="font-normal text-neutral-600">· last 24 hours</span>
      </h2>
      <Card aria-busy={!health}>
        {health ? (
          <dl className={GRID}>
            <Stat label="Deliveries">{formatCount(health.deliveries)}</Stat>
            <Stat
              label="Delivery success rate"
              tone={rateTone(health.deliverySuccessRate)}
              detail={`${formatCount(health.deliveredDeliveries)} delivered of ${formatCount(health.finishedDeliveries)} finished`}
            >
              {formatPercent(health.deliverySuccessRate)}
            </Stat>
            <Stat
              label="Attempt success rate"
              tone={rateTone(health.attemptSuccessRate)}
              detail={`${formatCount(health.succeededAttempts)} of ${formatCount(health.attempts)} attempts`}
            >
              {formatPercent(health.attemptSuccessRate)}
            </Stat>
            <Stat label="Backlog" detail="Pending and Failing now">
              {formatCount(health.backlog)}
            </Stat>
            <Stat label="p50 response">{formatDuration(health.p50Ms)}</Stat>
            <Stat label="p95 response">{formatDuration(health.p95Ms)}</Stat>
            <Stat label="Last success">
              {health.lastSuccessAt ? <TimeText ms={health.lastSuccessAt} show="relative" /> : "Never"}
            </Stat>
            <Stat
              label="Last failure"
              tone={health.lastFailure ? "bad" : undefined}
              detail={health.lastFailure ? <LastFailureCause failure={health.lastFailure} /> : undefined}
            >
              {health.lastFailure ? <TimeText ms={health.lastFailure.at} show="relative" /> : "None"}
            </Stat>
          </dl>
        ) : (
          <div className={GRID}>
            {Array.from({ length: 8 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders never reorder
              <div key={i} className="grid gap-2 px-4 py-3">
                <div className="h-3 w-16 animate-pulse rounded bg-neutral-100" />
                <div className="h-5 w-12 animate-pulse rounded bg-neutral-200" />
              </div>
            ))}
          </div>
        )}
      </Card>
    </section>
  );
}
