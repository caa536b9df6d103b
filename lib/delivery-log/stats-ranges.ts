// The chart's two windows, shared by the stats read, its route and the browser (no Node
// imports). Buckets are aligned to UTC multiples of their size, the last one still filling.

const HOUR_MS = 60 * 60 * 1000;

export const STATS_RANGES = {
  "24h": { label: "24 h", bucketMs: HOUR_MS, buckets: 24 },
  "7d": { label: "7 days", bucketMs: 6 * HOUR_MS, buckets: 28 },
} as const;

export type StatsRange = keyof typeof STATS_RANGES;

export const STATS_RANGE_NAMES = Object.keys(STATS_RANGES) as [StatsRange, ...StatsRange[]];

export function isStatsRange(value: string | null): value is StatsRange {
  return value !== null && Object.hasOwn(STATS_RANGES, value);
}
