// Every date, time, duration and count the product shows, in one place: the UI's tables,
// dialogs and sheets, and the strings the server writes (the auto-disable reason).
//
// A moment has ONE format everywhere ("Jan 5, 2026, 2:03:04 PM PST"), in the viewer's time
// zone, which the server knows from the first request on (lib/time-zone.ts): the server's
// render and the browser's give the same text. Where recency matters it is relative
// ("3 min. ago"), the exact moment on hover.

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const isoPartsFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { ...options, timeZone });
    cache.set(timeZone, format);
  }
  return format;
}

/** "Jan 5, 2026, 2:03:04 PM PST": a moment, to the second, with its zone (every table, sheet and dialog). */
export function formatDateTime(ms: number, timeZone: string): string {
  return (
    cached(dateTimeFormats, timeZone, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "short",
    })
      .format(ms)
      // Some ICU versions put a narrow no-break space before AM/PM: one text on server and browser.
      .replace(/\u202f/g, " ")
  );
}

const tickFormats = new Map<string, Intl.DateTimeFormat>();
const dayTickFormats = new Map<string, Intl.DateTimeFormat>();

/** "2 PM", or with the day "Jan 5, 2 PM": a chart axis tick in the viewer's zone (the tooltip gives the full moment). */
export function formatChartTick(ms: number, timeZone: string, withDay: boolean): string {
  const options: Intl.DateTimeFormatOptions = withDay
    ? { month: "short", day: "numeric", hour: "numeric" }
    : { hour: "numeric", minute: "2-digit" };
  return cached(withDay ? dayTickFormats : tickFormats, timeZone, options)
    .format(ms)
    .replace(/\u202f/g, " ");
}

/** "2026-01-05T14:03:04.123-08:00": the exact moment in that zone, as ISO 8601 with its offset. */
export function formatIsoInZone(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    cached(isoPartsFormats, timeZone, {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "longOffset",
    })
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  );
  // "GMT-08:00"; at offset zero "GMT" or "GMT+00:00", depending on the ICU version.
  const offset = parts.timeZoneName.replace("GMT", "").replace(/^(\+00:00)?$/, "Z");
  const millis = String(((ms % 1000) + 1000) % 1000).padStart(3, "0");
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${millis}${offset}`;
}

/** "2026-01-05T14:03:04.123-08:00 (America/Los_Angeles)": what hovering a time shows. */
export function formatExactMoment(ms: number, timeZone: string): string {
  return `${formatIsoInZone(ms, timeZone)} (${timeZone})`;
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

/** "512 B", "3.6 KB", "1.2 MB": a size, in 1,024s. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
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
