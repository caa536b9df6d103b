import { formatDate, formatDateTime, formatRelative } from "@/lib/format";

const FORMATS = { "date-time": formatDateTime, date: formatDate, relative: formatRelative };

/** A timestamp as a <time>: a moment, a day or "3 min ago"; the full moment on hover when it is not shown. */
export function TimeText({ ms, show = "date-time" }: { ms: number; show?: keyof typeof FORMATS }) {
  return (
    <time
      dateTime={new Date(ms).toISOString()}
      title={show === "date-time" ? undefined : formatDateTime(ms)}
      suppressHydrationWarning
    >
      {FORMATS[show](ms)}
    </time>
  );
}
