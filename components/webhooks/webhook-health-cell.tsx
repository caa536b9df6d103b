"use client";

import { TimeText } from "@/components/ui/time-text";
import { DeliveryStateBadge } from "@/components/webhook-detail/delivery-state-badge";
import type { WebhookActivity } from "@/lib/delivery-log/get-webhooks-activity";
import { formatCount, formatPercent } from "@/lib/format";

const BAR_WIDTH = 3;
const GAP = 1;
const HEIGHT = 20;

/** 24 hourly bars, delivered (green) under failed (red), scaled to the busiest hour. */
function Sparkline({ hourly, label }: { hourly: WebhookActivity["hourly"]; label: string }) {
  const peak = Math.max(1, ...hourly.map((hour) => hour.delivered + hour.failed));
  const width = hourly.length * (BAR_WIDTH + GAP) - GAP;
  return (
    <svg role="img" aria-label={label} width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} className="shrink-0">
      {hourly.map((hour, i) => {
        const x = i * (BAR_WIDTH + GAP);
        const delivered = (hour.delivered / peak) * HEIGHT;
        const failed = (hour.failed / peak) * HEIGHT;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: one bar per hour of a fixed window
          <g key={i}>
            <rect x={x} y={0} width={BAR_WIDTH} height={HEIGHT} className="fill-neutral-100" />
            {delivered > 0 ? (
              <rect x={x} y={HEIGHT - delivered} width={BAR_WIDTH} height={delivered} className="fill-emerald-600" />
            ) : null}
            {failed > 0 ? (
              <rect x={x} y={HEIGHT - delivered - failed} width={BAR_WIDTH} height={failed} className="fill-red-600" />
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The list's health column: the newest delivery's state (the log's badge), the share of the
 * last 24 hours' finished deliveries that arrived, and the same hours as a sparkline.
 */
export function WebhookHealthCell({ activity }: { activity: WebhookActivity }) {
  if (activity.lastState === null) return <span className="text-xs text-neutral-600">No deliveries yet</span>;
  const finished = activity.delivered + activity.failed;
  const summary =
    finished > 0
      ? `Last 24 hours: ${formatCount(activity.delivered)} delivered, ${formatCount(activity.failed)} failed`
      : "Last 24 hours: no delivery finished";
  return (
    <div className="grid gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <DeliveryStateBadge state={activity.lastState} statusCode={activity.lastStatusCode} />
        {activity.lastAt !== null ? (
          <span className="text-xs text-neutral-600">
            <TimeText ms={activity.lastAt} show="relative" />
          </span>
        ) : null}
      </div>
      <div className="flex items-center gap-2">
        <Sparkline hourly={activity.hourly} label={summary} />
        <span className="whitespace-nowrap text-xs tabular-nums text-neutral-700" title={`${summary} (Delivered ÷ finished)`}>
          {finished > 0 ? formatPercent(activity.successRate) : "none finished"} <span className="text-neutral-600">· 24 h</span>
        </span>
      </div>
    </div>
  );
}
