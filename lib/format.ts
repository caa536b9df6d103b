// Every date, time, duration and count the product shows, in one place: the UI's tables,
// dialogs and sheets, and the strings the server writes (the auto-disable reason).
//
// Dates and times are in the zone of whoever formats them (the server for the first render,
// then the browser), in US English. The two can differ, so <TimeText> puts
// suppressHydrationWarning on its <time>.

const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** "Jan 5, 02:03:04 PM": a moment, to the second (the log, attempts, secrets' expiry, tokens' last use). */
export function formatDateTime(ms: number): string {
  return dateTimeFormat.format(ms);
}

const dateFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric" });

/** "Jan 5, 2026": a day, for the Created column of the lists. */
export function formatDate(ms: number): string {
  return dateFormat.format(ms);
}

const relativeFormat = new Intl.RelativeTimeFormat("en-US", { numeric: "always", style: "short" });

/** "in 5 sec", "3 min ago", "2 hr ago", "4 days ago": the largest unit that is at least one. */
export function formatRelative(ms: number, now = Date.now()): string {
  const seconds = Math.round((ms - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relativeFormat.format(seconds, "second");
  if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3600), "hour");
  return relativeFormat.format(Math.round(seconds / 86_400), "day");
}

/** "850 ms", "1.23 s", "12.5 s": how long something took (an attempt, p50/p95); "—" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const PERIOD_UNITS: [ms: number, singular: string][] = [
  [24 * 60 * 60 * 1000, "day"],
  [60 * 60 * 1000, "hour"],
  [60 * 1000, "minute"],
  [1000, "second"],
];

/**
 * "5 days", "36 hours", "90 seconds": a configured window in words, in the largest unit that
 * divides it exactly (so "36 hours", never a rounded "1.5 days").
 */
export function formatPeriod(ms: number): string {
  for (const [unit, name] of PERIOD_UNITS) {
    if (ms >= unit && ms % unit === 0) {
      const n = ms / unit;
      return `${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return `${ms} ms`;
}

/** "80%", "44.4%", "100%": a rate of 0..1, to one decimal unless whole; "—" when there is none. */
export function formatPercent(rate: number | null): string {
  if (rate === null) return "—";
  const value = Math.round(rate * 1000) / 10;
  return `${value}%`;
}

/** "12,345": a count, grouped the same on the server and in every browser. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "YYYY-MM-DDTHH:mm" in this zone: what an <input type="datetime-local"> shows and gives back. */
export function toDateTimeLocalValue(ms: number): string {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
