"use client";

import { formatDateTime, formatExactMoment, formatRelative } from "@/lib/format";
import { useTimeZone } from "./time-zone";

/**
 * A moment as a <time>, in the viewer's zone: the one date-time format, or "3 min. ago" where
 * recency matters; the exact ISO moment and zone on hover either way. Only a relative text can
 * differ between the server's render and the browser's (a second passed), hence
 * suppressHydrationWarning.
 */
export function TimeText({ ms, show = "date-time" }: { ms: number; show?: "date-time" | "relative" }) {
  const timeZone = useTimeZone();
  const exact = formatExactMoment(ms, timeZone);
  return (
    <time
      dateTime={new Date(ms).toISOString()}
      title={show === "relative" ? `${formatDateTime(ms, timeZone)} · ${exact}` : exact}
      suppressHydrationWarning
    >
      {show === "relative" ? formatRelative(ms) : formatDateTime(ms, timeZone)}
    </time>
  );
}
