// Runs before the signed-in pages: hands the requested path to the layout that checks sign-in.
import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER, requestPathOf } from "@/lib/auth/request-path";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, requestPathOf(request.nextUrl));
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/settings", "/settings/:path*"] };
