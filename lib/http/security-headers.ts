import { appUrl, trustsProxy } from "@/lib/config";

// The headers every page and API response carries. Pages get a nonce-based CSP: Next reads
// the nonce from the request's Content-Security-Policy header and puts it on its own scripts
// and styles, so no inline script or style runs without it. JSON routes load nothing, so
// theirs allows nothing.

export type ResponseKind = "page" | "api";

const TWO_YEARS_S = 2 * 365 * 24 * 60 * 60;

/** 128 random bits, base64: a fresh one per page request. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export function contentSecurityPolicy(kind: ResponseKind, nonce: string | undefined, https: boolean): string {
  if (kind === "api" || !nonce) {
    return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  }
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next's nonced scripts load (route chunks) run too; nothing else.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // Style attributes only (the UI library renders a few: outline, animation duration);
    // they cannot run script. <style> elements still need the nonce.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * Whether the browser reached us over https: our public URL says so, or (only when we sit
 * behind a proxy we trust) the nearest proxy's X-Forwarded-Proto does.
 */
export function servedOverHttps(headers: Headers): boolean {
  if (appUrl().startsWith("https:")) return true;
  if (!trustsProxy()) return false;
  const forwarded = headers.get("x-forwarded-proto")?.split(",").at(-1)?.trim().toLowerCase();
  return forwarded === "https";
}

export function securityHeaders(kind: ResponseKind, nonce: string | undefined, https: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(kind, nonce, https),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    // Webhook URLs can carry credentials in their query: never send our URLs to other sites.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy":
      "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  // Browsers ignore HSTS over http; sending it only over https keeps plain-http setups usable.
  if (https) headers["Strict-Transport-Security"] = `max-age=${TWO_YEARS_S}; includeSubDomains`;
  return headers;
}

/** For routes the proxy does not run on (the streaming ingestion endpoint). */
export function withSecurityHeaders(
  handler: (request: Request) => Promise<Response> | Response,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await handler(request);
    for (const [name, value] of Object.entries(securityHeaders("api", undefined, servedOverHttps(request.headers)))) {
      response.headers.set(name, value);
    }
    return response;
  };
}
