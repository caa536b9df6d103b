import { formatDateTime, formatRelative } from "./format";

/** A timestamp as a <time>: absolute or relative text, the other form on hover. */
export function TimeText({ ms, relative = false }: { ms: number; relative?: boolean }) {
  const absolute = formatDateTime(ms);
  return (
    <time dateTime={new Date(ms).toISOString()} title={relative ? absolute : undefined} suppressHydrationWarning>
      {relative ? formatRelative(ms) : absolute}
    </time>
  );
}
