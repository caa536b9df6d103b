import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { sameSitePath } from "@/components/auth/safe-callback-url";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints, with `callbackUrl` made a same-site path first: next-auth answers a
 * value it cannot parse as a URL ("javascript:…") with a 500 before its redirect callback runs.
 */
export function nextAuthRoute(request: NextRequest, context: Context): Promise<Response> {
  const url = new URL(request.url);
  // A sign-in form sent before the page loaded has no CSRF token: next-auth refuses it and
  // sends the browser here; our sign-in page says why instead of showing next-auth's own.
  if (request.method === "GET" && url.pathname.endsWith("/signin") && url.searchParams.get("csrf") === "true") {
    return Promise.resolve(Response.redirect(new URL("/signin?csrf=true", url.origin), 303));
  }
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl !== null) {
    url.searchParams.set("callbackUrl", sameSitePath(callbackUrl, url.origin));
    request = new NextRequest(url, request);
  }
  return NextAuth(request as never, context as never, authOptions());
}
