"use client";

import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { TimeText } from "@/components/ui/time-text";
import { formatCount, formatDuration } from "@/lib/format";
import { useWebhookHealth } from "@/lib/queries/delivery-log";
import { LoadError } from "./load-error";

function Stat({ label, children, tone }: { label: string; children: React.ReactNode; tone?: "good" | "bad" }) {
  return (
    <div className="grid min-w-0 gap-1 px-4 py-3">
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
    </div>
  );
}

const GRID = "grid grid-cols-2 divide-neutral-200 sm:grid-cols-4 lg:grid-cols-7 lg:divide-x";

function percent(rate: number): string {
  const value = rate * 100;
  return `${value === 100 || value === 0 ? value : value.toFixed(1)}%`;
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
              label="Success rate"
              tone={
                health.successRate === null
                  ? undefined
                  : health.successRate >= 0.95
                    ? "good"
                    : health.successRate < 0.5
                      ? "bad"
                      : undefined
              }
            >
              {health.successRate === null ? "—" : percent(health.successRate)}
            </Stat>
            <Stat label="p50 response">{formatDuration(health.p50Ms)}</Stat>
            <Stat label="p95 response">{formatDuration(health.p95Ms)}</Stat>
            <Stat label="Pending backlog">{formatCount(health.pendingBacklog)}</Stat>
            <Stat label="Last success">
              {health.lastSuccessAt ? <TimeText ms={health.lastSuccessAt} show="relative" /> : "Never"}
            </Stat>
            <Stat label="Last failure" tone={health.lastFailure ? "bad" : undefined}>
              {health.lastFailure ? (
                <span
                  title={
                    health.lastFailure.error ??
                    (health.lastFailure.statusCode ? `HTTP ${health.lastFailure.statusCode}` : undefined)
                  }
                >
                  <TimeText ms={health.lastFailure.at} show="relative" />
                </span>
              ) : (
                "None"
              )}
            </Stat>
          </dl>
        ) : (
          <div className={GRID}>
            {Array.from({ length: 7 }, (_, i) => (
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
