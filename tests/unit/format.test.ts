import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCount,
  formatDateTime,
  formatDuration,
  formatExactMoment,
  formatIsoInZone,
  formatPercent,
  formatPeriod,
  formatRelative,
  toDateTimeLocalValue,
} from "@/lib/format";
import { parseTimeZone } from "@/lib/time-zone";

// What a person reads for each kind of time and number. Moments are shown in the zone they
// are given (the viewer's), whatever zone the tests run in.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("format", () => {
  const afternoon = new Date(2026, 0, 5, 14, 3, 4).getTime();

  it("shows a moment to the second, in the viewer's zone and labelled with it", () => {
    const moment = Date.UTC(2026, 0, 5, 22, 3, 4, 120);
    expect(formatDateTime(moment, "America/Los_Angeles")).toBe("Jan 5, 2026, 2:03:04 PM PST");
    expect(formatDateTime(moment, "Asia/Kolkata")).toBe("Jan 6, 2026, 3:33:04 AM GMT+5:30");
    expect(formatDateTime(moment, "UTC")).toBe("Jan 5, 2026, 10:03:04 PM UTC");
    // Summer time is the zone's own.
    expect(formatDateTime(Date.UTC(2026, 6, 1, 19, 0, 0), "America/Los_Angeles")).toBe("Jul 1, 2026, 12:00:00 PM PDT");
  });

  it("gives the exact moment on hover as ISO 8601 with the zone's offset", () => {
    const moment = Date.UTC(2026, 0, 5, 22, 3, 4, 120);
    expect(formatIsoInZone(moment, "America/Los_Angeles")).toBe("2026-01-05T14:03:04.120-08:00");
    expect(formatIsoInZone(moment, "Asia/Kolkata")).toBe("2026-01-06T03:33:04.120+05:30");
    expect(formatIsoInZone(moment, "UTC")).toBe("2026-01-05T22:03:04.120Z");
    expect(formatExactMoment(moment, "Asia/Kolkata")).toBe("2026-01-06T03:33:04.120+05:30 (Asia/Kolkata)");
    // It names the same instant the server stored.
    expect(Date.parse(formatIsoInZone(moment, "Asia/Kolkata"))).toBe(moment);
  });

  it("takes a zone from the browser only when it is a real one", () => {
    expect(parseTimeZone("America/Los_Angeles")).toBe("America/Los_Angeles");
    expect(parseTimeZone("UTC")).toBe("UTC");
    expect(parseTimeZone("Mars/Olympus_Mons")).toBeUndefined();
    expect(parseTimeZone("</script>")).toBeUndefined();
    expect(parseTimeZone("")).toBeUndefined();
    expect(parseTimeZone(undefined)).toBeUndefined();
  });

  it("says how far a moment is from now, in the largest unit that fits", () => {
    const now = afternoon;
    expect(formatRelative(now + 5 * SECOND, now)).toBe("in 5 sec.");
    expect(formatRelative(now - 3 * MINUTE, now)).toBe("3 min. ago");
    expect(formatRelative(now - 2 * HOUR, now)).toBe("2 hr. ago");
    expect(formatRelative(now - 4 * DAY, now)).toBe("4 days ago");
    expect(formatRelative(now - 59 * SECOND, now)).toBe("59 sec. ago");
  });

  it("shows how long an attempt took, and a dash when nobody measured it", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(1234)).toBe("1.23 s");
    expect(formatDuration(12_540)).toBe("12.5 s");
    expect(formatDuration(null)).toBe("—");
  });

  it("names a configured window in the largest unit that divides it exactly", () => {
    expect(formatPeriod(5 * DAY)).toBe("5 days");
    expect(formatPeriod(DAY)).toBe("1 day");
    expect(formatPeriod(36 * HOUR)).toBe("36 hours");
    expect(formatPeriod(3 * MINUTE)).toBe("3 minutes");
    expect(formatPeriod(90 * SECOND)).toBe("90 seconds");
    expect(formatPeriod(1500)).toBe("1500 ms");
  });

  it("shows rates as percentages and sizes in KB", () => {
    expect(formatPercent(0.8)).toBe("80%");
    expect(formatPercent(4 / 9)).toBe("44.4%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(null)).toBe("—");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(3686)).toBe("3.6 KB");
    expect(formatBytes(2048)).toBe("2 KB");
  });

  it("groups counts, and gives a datetime-local input its value", () => {
    expect(formatCount(12_345)).toBe("12,345");
    expect(formatCount(1)).toBe("1");
    expect(toDateTimeLocalValue(afternoon)).toBe("2026-01-05T14:03");
  });
});
