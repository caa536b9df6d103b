const UNITS: [ms: number, singular: string][] = [
  [24 * 60 * 60 * 1000, "day"],
  [60 * 60 * 1000, "hour"],
  [60 * 1000, "minute"],
  [1000, "second"],
];

/** "5 days", "36 hours", "90 seconds": the largest unit that divides the duration exactly. */
export function formatDuration(ms: number): string {
  for (const [unit, name] of UNITS) {
    if (ms >= unit && ms % unit === 0) {
      const n = ms / unit;
      return `${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return `${ms} ms`;
}
