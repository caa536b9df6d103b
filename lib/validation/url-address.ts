import net from "node:net";
import { allowPrivateTargets } from "@/lib/config";
import { nonPublicAddressReason } from "@/lib/net/ip-ranges";

/**
 * The form's early check: a URL whose host is a literal private address (or "localhost")
 * is refused with a reason. Hostnames are checked again at delivery time, after DNS.
 */
export function literalPrivateAddressReason(hostname: string): string | undefined {
  if (allowPrivateTargets()) return undefined;
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) {
    return "The URL must not point at this server's own network (localhost)";
  }
  if (net.isIP(host) === 0) return undefined;
  const reason = nonPublicAddressReason(host);
  return reason ? `The URL must not point at a ${reason} address` : undefined;
}
