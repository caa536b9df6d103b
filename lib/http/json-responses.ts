import { NextResponse } from "next/server";

// The delivery-log routes' answers, in the `{ error: { code, message } }` shape the Webhooks
// routes use; polled data is never cached.

const NO_STORE = { "cache-control": "no-store" };

export function jsonOk(body: unknown): NextResponse {
  return NextResponse.json(body, { headers: NO_STORE });
}

export function jsonError(
  status: 400 | 401 | 404,
  code: string,
  message: string,
  fieldErrors?: Record<string, string>,
): NextResponse {
  return NextResponse.json({ error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } }, { status, headers: NO_STORE });
}

export const unauthorized = () => jsonError(401, "unauthorized", "Sign in first");
