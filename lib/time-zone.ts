// Whose clock the product's times are shown on: the viewer's IANA time zone, which the
// browser tells the server in a cookie (components/layout/time-zone-script.tsx), so the
// server's first render already shows local times. No Node imports: the browser uses it too.

export const TIME_ZONE_COOKIE = "tz";

/** Until the browser has said: times are labelled, so UTC is never mistaken for local. */
export const FALLBACK_TIME_ZONE = "UTC";

/**
 * `value` when it names a zone this runtime knows, else undefined. Kept as the browser spelt
 * it (not canonicalised), so the page knows it was rendered in the zone it asked for.
 */
export function parseTimeZone(value: string | undefined | null): string | undefined {
  if (!value || value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return undefined;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value;
  } catch {
    return undefined;
  }
}
