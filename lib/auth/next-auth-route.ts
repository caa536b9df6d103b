import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { sameSitePath } from "@/components/auth/safe-callback-url";
import { isDatabaseUnavailable, noteDatabaseUnavailable } from "@/db/unavailable";
import { authOptions } from "@/lib/auth/options";
import { admitSignIn, signInThrottledMessage } from "@/lib/auth/sign-in-throttle";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable-message";
import type { ApiErrorBody } from "@/lib/http/api-error";
import { clientAddress } from "@/lib/http/client-address";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints, with `callbackUrl` made a same-site path first: next-auth answers a
 * value it cannot parse as a URL ("javascript:…") with a 500 before its redirect callback runs.
 */
export async function nextAuthRoute(request: NextRequest, context: Context): Promise<Response> {
  try {
    return await route(request, context);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    noteDatabaseUnavailable(`${request.method} /api/auth`, error);
    return answerForSignInForm(
      503,
      DATABASE_UNAVAILABLE_MESSAGE,
      "database_unavailable",
      DATABASE_RETRY_AFTER_SECONDS,
      request.url,
    );
  }
}

async function route(request: NextRequest, context: Context): Promise<Response> {
  const url = new URL(request.url);
  // A sign-in form sent before the page loaded has no CSRF token: next-auth refuses it and
  // sends the browser here; our sign-in page says why instead of showing next-auth's own.
  if (request.method === "GET" && url.pathname.endsWith("/signin") && url.searchParams.get("csrf") === "true") {
    return Response.redirect(new URL("/signin?csrf=true", url.origin), 303);
  }
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl !== null) {
    url.searchParams.set("callbackUrl", sameSitePath(callbackUrl, url.origin));
    request = new NextRequest(url, request);
  }
  if (request.method === "POST" && url.pathname.endsWith("/callback/credentials")) {
    return throttledSignIn(request, context, url.origin);
  }
  return NextAuth(request as never, context as never, authOptions());
}

async function throttledSignIn(request: NextRequest, context: Context, origin: string): Promise<Response> {
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const gate = await admitSignIn(form?.get("email"), clientAddress(request.headers));
  if (!gate.ok) return signInThrottled(gate.retryAfterMs, origin);
  const response: Response = await NextAuth(request as never, context as never, authOptions());
  // Signed in exactly when next-auth set a session cookie.
  const signedIn = response.headers.getSetCookie().some((cookie) => /session-token=[^;]/.test(cookie));
  await gate.settle(signedIn);
  return response;
}

/** 429 with Retry-After; the form shows the message as it is. */
function signInThrottled(retryAfterMs: number, origin: string): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return answerForSignInForm(429, signInThrottledMessage(seconds), "rate_limited", seconds, origin);
}

/**
 * A refusal with Retry-After, in the one error shape of our JSON routes plus the `url`
 * next-auth's client reads its error from.
 */
function answerForSignInForm(
  status: number,
  message: string,
  code: ApiErrorBody["error"]["code"],
  seconds: number,
  base: string,
): Response {
  const url = new URL("/signin", base);
  url.searchParams.set("error", message);
  const error: ApiErrorBody["error"] = { code, message, details: { retryAfterSeconds: seconds } };
  return Response.json(
    { error, url: url.toString() },
    { status, headers: { "retry-after": String(seconds), "cache-control": "no-store" } },
  );
}
