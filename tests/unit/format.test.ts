import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatPeriod,
  formatRelative,
  toDateTimeLocalValue,
} from "@/lib/format";

// What a person reads for each kind of time and number, whatever zone the tests run in (the
// moments are built from local parts, as the formatter reads them).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("format", () => {
  const afternoon = new Date(2026, 0, 5, 14, 3, 4).getTime();

  it("shows a moment to the second, and a day with its year", () => {
    expect(formatDateTime(afternoon)).toBe("Jan 5, 02:03:04 PM");
    expect(formatDateTime(new Date(2026, 11, 31, 0, 0, 9).getTime())).toBe("Dec 31, 12:00:09 AM");
    expect(formatDate(afternoon)).toBe("Jan 5, 2026");
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

  it("groups counts, and gives a datetime-local input its value", () => {
    expect(formatCount(12_345)).toBe("12,345");
    expect(formatCount(1)).toBe("1");
    expect(toDateTimeLocalValue(afternoon)).toBe("2026-01-05T14:03");
  });
});
