import "server-only";
import { cookies } from "next/headers";
import { FALLBACK_TIME_ZONE, parseTimeZone, TIME_ZONE_COOKIE } from "@/lib/time-zone";

/** The zone this request's page is rendered in: the browser's, from its cookie, else UTC. */
export async function viewerTimeZone(): Promise<string> {
  const raw = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  let value = raw;
  try {
    // The script writes it URI-encoded ("America%2FLos_Angeles").
    if (raw?.includes("%")) value = decodeURIComponent(raw);
  } catch {
    value = undefined;
  }
  return parseTimeZone(value) ?? FALLBACK_TIME_ZONE;
}
