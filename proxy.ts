import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER, requestPathOf } from "@/lib/auth/request-path";
import { apiError } from "@/lib/http/api-error";
import { hasMalformedPercentEncoding } from "@/lib/http/path-encoding";
import { isCrossOriginWrite } from "@/lib/http/same-origin";
import { newNonce, type ResponseKind, securityHeaders, servedOverHttps } from "@/lib/http/security-headers";
import { serverActionBodyProblem } from "@/lib/http/server-action-body";

// Runs before every page and JSON route (see `config.matcher` for the exceptions): refuses
// requests the framework would answer with a 500 or should not serve at all, gives every
// response its security headers (pages a fresh CSP nonce), and hands the requested path to
// the layout that checks sign-in.

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  const kind: ResponseKind = pathname === "/api" || pathname.startsWith("/api/") ? "api" : "page";
  const https = servedOverHttps(request.headers);
  const nonce = kind === "page" ? newNonce() : undefined;
  const headers = securityHeaders(kind, nonce, https);

  const refuse = (status: number, message: string): Response => {
    const response =
      kind === "api"
        ? apiError(status, "invalid_request", message)
        : new Response(message, {
            status,
            headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
          });
    for (const [name, value] of Object.entries(securityHeaders(kind, undefined, https))) response.headers.set(name, value);
    return response;
  };

  if (hasMalformedPercentEncoding(pathname)) return refuse(400, "Bad request: the address has malformed percent-encoding");
  if (isCrossOriginWrite(request.method, request.headers)) return refuse(403, "Forbidden: this request came from another site");
  if (kind === "page" && request.method === "POST") {
    const problem = await serverActionBodyProblem(request);
    if (problem) return refuse(problem.status, `Bad request: ${problem.message}`);
  }

  const requestHeaders = new Headers(request.headers);
  // Next takes the nonce for its own scripts and styles from the request's CSP header.
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
  // Replaces any value a client sent: sign-in sends the visitor back to this path.
  requestHeaders.set(REQUEST_PATH_HEADER, requestPathOf(request.nextUrl));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Not: build assets (immutable files), and the ingestion endpoint, whose body the route
    // streams with its own size limit (the proxy would buffer it first). That route sets its
    // headers itself (withSecurityHeaders).
    "/((?!_next/static/|_next/image|api/v1/events$).*)",
  ],
};
