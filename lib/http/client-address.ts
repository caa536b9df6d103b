import { abuseLimits } from "@/lib/config";

/**
 * The client's address as far as we can trust it. Next sets X-Forwarded-For to the socket's
 * peer when a request has none; each trusted proxy (TRUST_PROXY hops) appends the address it
 * saw, so the client is that many entries from the end. Without a proxy a client that sends
 * its own X-Forwarded-For picks the address we see: per-address limits then only slow it,
 * the per-account ones still hold.
 */
export function clientAddress(headers: Headers): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hops = Math.max(1, abuseLimits.trustedProxyHops());
  return entries[Math.max(0, entries.length - hops)] ?? "unknown";
}
