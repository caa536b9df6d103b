"use client";

import { useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { useTimeZone } from "@/components/ui/time-zone";
import type { WebhookStats, WebhookStatsBucket } from "@/lib/delivery-log/get-webhook-stats";
import { STATS_RANGE_NAMES, STATS_RANGES, type StatsRange } from "@/lib/delivery-log/stats-ranges";
import { formatChartTick, formatCount, formatDateTime, formatDuration, formatPercent } from "@/lib/format";
import { useWebhookStats } from "@/lib/queries/delivery-log";
import { LoadError } from "./load-error";

// Colours of the series, the same in the bars, the legend and the tooltip (never the only
// signal: the legend, the tooltip and the summary say which is which).
const DELIVERED_COLOUR = "#059669";
const FAILED_COLOUR = "#dc2626";
const P95_COLOUR = "#4338ca";

const RANGE_WORDS: Record<StatsRange, { last: string; per: string }> = {
  "24h": { last: "last 24 hours", per: "per hour" },
  "7d": { last: "last 7 days", per: "per 6 hours" },
};

/** "Last 24 hours: 1,204 delivered, 3 failed (99.8% delivered), p95 response 200 ms." */
export function statsSummary(stats: WebhookStats): string {
  const { delivered, failed, p95Ms } = stats.totals;
  const finished = delivered + failed;
  const words = RANGE_WORDS[stats.range].last;
  const head = `${words[0].toUpperCase()}${words.slice(1)}`;
  if (finished === 0 && stats.totals.attempts === 0) return `${head}: no deliveries finished and no attempts.`;
  const rate = finished > 0 ? ` (${formatPercent(delivered / finished)} delivered)` : "";
  return `${head}: ${formatCount(delivered)} delivered, ${formatCount(failed)} failed${rate}, p95 response ${formatDuration(p95Ms)}.`;
}

function RangeToggle({ range, onChange }: { range: StatsRange; onChange: (range: StatsRange) => void }) {
  return (
    <fieldset className="inline-flex rounded-md border border-neutral-200 bg-white p-0.5 shadow-sm">
      <legend className="sr-only">Chart window</legend>
      {STATS_RANGE_NAMES.map((name) => (
        <button
          key={name}
          type="button"
          aria-pressed={range === name}
          onClick={() => onChange(name)}
          className={cn(
            "h-7 cursor-pointer rounded px-2.5 text-xs font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-neutral-950",
            range === name ? "bg-neutral-900 text-white" : "text-neutral-700 hover:bg-neutral-100",
          )}
        >
          {STATS_RANGES[name].label}
        </button>
      ))}
    </fieldset>
  );
}

function LegendItem({ colour, label, line }: { colour: string; label: string; line?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span aria-hidden className={line ? "h-0.5 w-3" : "h-2.5 w-2.5 rounded-sm"} style={{ backgroundColor: colour }} />
      {label}
    </span>
  );
}

function BucketTooltip({
  active,
  payload,
  bucketMs,
  timeZone,
}: {
  active?: boolean;
  payload?: { payload: WebhookStatsBucket }[];
  bucketMs: number;
  timeZone: string;
}) {
  const bucket = payload?.[0]?.payload;
  if (!active || !bucket) return null;
  return (
    <div className="grid gap-0.5 rounded-md border border-neutral-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="font-medium text-neutral-900">
        {formatDateTime(bucket.start, timeZone)} – {formatChartTick(bucket.start + bucketMs, timeZone, bucketMs > 3_600_000)}
      </p>
      <p style={{ color: DELIVERED_COLOUR }}>Delivered: {formatCount(bucket.delivered)}</p>
      <p style={{ color: FAILED_COLOUR }}>Failed: {formatCount(bucket.failed)}</p>
      <p className="text-neutral-700">
        Attempts: {formatCount(bucket.attempts)} ({formatCount(bucket.failedAttempts)} failed)
      </p>
      <p style={{ color: P95_COLOUR }}>p95 response: {formatDuration(bucket.p95Ms)}</p>
    </div>
  );
}

/** The same figures as a table, for screen readers (the chart itself is a picture). */
function BucketTable({ stats, timeZone }: { stats: WebhookStats; timeZone: string }) {
  return (
    <div className="sr-only">
      <table>
        <caption>
          Deliveries {RANGE_WORDS[stats.range].per}, {RANGE_WORDS[stats.range].last}
        </caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Delivered</th>
            <th scope="col">Failed</th>
            <th scope="col">p95 response</th>
          </tr>
        </thead>
        <tbody>
          {stats.buckets
            .filter((bucket) => bucket.delivered + bucket.failed + bucket.attempts > 0)
            .map((bucket) => (
              <tr key={bucket.start}>
                <td>{formatDateTime(bucket.start, timeZone)}</td>
                <td>{bucket.delivered}</td>
                <td>{bucket.failed}</td>
                <td>{formatDuration(bucket.p95Ms)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

function Chart({ stats, timeZone }: { stats: WebhookStats; timeZone: string }) {
  const withDay = stats.bucketMs > 3_600_000;
  return (
    <div aria-hidden className="h-56 w-full min-w-0">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 224 }}>
        <ComposedChart data={stats.buckets} margin={{ top: 8, right: 4, bottom: 0, left: -12 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="#e5e5e5" />
          <XAxis
            dataKey="start"
            tickFormatter={(ms: number) => formatChartTick(ms, timeZone, withDay)}
            tick={{ fontSize: 11, fill: "#525252" }}
            tickLine={false}
            axisLine={{ stroke: "#d4d4d4" }}
            minTickGap={24}
          />
          <YAxis
            yAxisId="count"
            allowDecimals={false}
            tick={{ fontSize: 11, fill: "#525252" }}
            tickLine={false}
            axisLine={false}
            width={44}
          />
          <YAxis
            yAxisId="ms"
            orientation="right"
            // A no-break space: the axis would wrap "600 ms" onto two lines.
            tickFormatter={(ms: number) => formatDuration(ms).replace(" ", "\u00a0")}
            tick={{ fontSize: 11, fill: "#525252" }}
            tickLine={false}
            axisLine={false}
            width={56}
          />
          <Tooltip
            cursor={{ fill: "#f5f5f5" }}
            content={(props) => (
              <BucketTooltip
                active={props.active}
                payload={props.payload as unknown as { payload: WebhookStatsBucket }[]}
                bucketMs={stats.bucketMs}
                timeZone={timeZone}
              />
            )}
          />
          <Bar
            yAxisId="count"
            dataKey="delivered"
            name="Delivered"
            stackId="outcome"
            fill={DELIVERED_COLOUR}
            isAnimationActive={false}
          />
          <Bar yAxisId="count" dataKey="failed" name="Failed" stackId="outcome" fill={FAILED_COLOUR} isAnimationActive={false} />
          <Line
            yAxisId="ms"
            dataKey="p95Ms"
            name="p95 response"
            stroke={P95_COLOUR}
            strokeWidth={2}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * Deliveries over time from the rollup: delivered and failed (gave up) per bucket as stacked
 * bars, p95 response time as a line, over 24 hours or 7 days. A sentence gives the totals and
 * a hidden table every bucket, so nothing is only in the picture.
 */
export function DeliveryChart({ webhookId }: { webhookId: string }) {
  const [range, setRange] = useState<StatsRange>("24h");
  const query = useWebhookStats(webhookId, range);
  const timeZone = useTimeZone();
  // While the other window loads, the previous one stays (placeholderData), dimmed.
  const stats = query.data;
  const isStale = stats !== undefined && stats.range !== range;
  const isEmpty = stats !== undefined && stats.totals.delivered + stats.totals.failed + stats.totals.attempts === 0;

  return (
    <section aria-labelledby="chart-heading" className="grid min-w-0 grid-cols-1 gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="chart-heading" className="text-sm font-semibold text-neutral-800">
          Deliveries over time <span className="font-normal text-neutral-600">· {RANGE_WORDS[range].last}</span>
        </h2>
        <RangeToggle range={range} onChange={setRange} />
      </div>
      <Card aria-busy={!stats || isStale} className="grid min-w-0 gap-3 px-3 py-3 sm:px-4">
        {query.isError && !stats ? (
          <LoadError what="The chart" message={query.error.message} onRetry={() => void query.refetch()} />
        ) : !stats ? (
          <div className="h-56 animate-pulse rounded bg-neutral-50" />
        ) : isEmpty ? (
          <div className="grid h-40 place-items-center text-center">
            <div className="grid gap-1">
              <p className="text-sm font-medium text-neutral-800">No deliveries in the {RANGE_WORDS[stats.range].last}</p>
              <p className="max-w-sm text-xs text-neutral-600">
                Delivered and failed deliveries appear here as they finish. Send a test event to see one.
              </p>
            </div>
          </div>
        ) : (
          <figure className={cn("grid min-w-0 gap-2 transition-opacity", isStale && "opacity-50")}>
            <Chart stats={stats} timeZone={timeZone} />
            <figcaption className="grid gap-1.5">
              <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-neutral-700">
                <LegendItem colour={DELIVERED_COLOUR} label="Delivered" />
                <LegendItem colour={FAILED_COLOUR} label="Failed (gave up)" />
                <LegendItem colour={P95_COLOUR} label="p95 response" line />
              </div>
              <p className="text-xs text-neutral-600">{statsSummary(stats)}</p>
            </figcaption>
            <BucketTable stats={stats} timeZone={timeZone} />
          </figure>
        )}
      </Card>
    </section>
  );
}
