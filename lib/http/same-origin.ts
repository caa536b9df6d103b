import { appUrl, trustsProxy } from "@/lib/config";

// Cookie-authenticated requests that change something (server actions, next-auth's POSTs)
// must come from our own pages. A browser names the page's origin in `Origin` on every such
// request; a request without one (curl, a server) carries no victim's cookies by accident.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The hosts our own pages are served from: the Host header, a trusted proxy's, the public URL. */
function ownHosts(headers: Headers): Set<string> {
  const hosts = new Set<string>();
  const host = headers.get("host")?.toLowerCase();
  if (host) hosts.add(host);
  if (trustsProxy()) {
    const forwarded = headers.get("x-forwarded-host")?.split(",").at(-1)?.trim().toLowerCase();
    if (forwarded) hosts.add(forwarded);
  }
  const publicHost = hostOf(appUrl());
  if (publicHost) hosts.add(publicHost);
  return hosts;
}

/** True for a state-changing request another site's page made (or an opaque `Origin: null`). */
export function isCrossOriginWrite(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  if (origin === null) {
    // Browsers that send Fetch Metadata say so even where they leave Origin out.
    const site = headers.get("sec-fetch-site");
    return site === "cross-site" || site === "same-site";
  }
  const originHost = hostOf(origin);
  return originHost === undefined || !ownHosts(headers).has(originHost);
}
