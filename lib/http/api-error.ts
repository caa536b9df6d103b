// The one error shape of every JSON route:
//   { "error": { "code", "message", "fields"?, "details"? } }
// `fields` maps each bad field (or query parameter) to its message; `details` carries what a
// client needs beyond that (ingestion's list of valid events, its size cap, its issue paths).
// Errors are never cached.

import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable-message";

export type ApiErrorCode =
  | "unauthorized"
  | "not_found"
  | "invalid_query"
  | "forbidden"
  | "unsupported_media_type"
  | "payload_too_large"
  | "malformed_json"
  | "unknown_event"
  | "invalid_request"
  | "method_not_allowed"
  | "rate_limited"
  | "limit_reached"
  | "idempotency_key_reused"
  | "webhook_disabled"
  | "in_flight"
  | "database_unavailable"
  | "internal_error";

export type ApiErrorBody = {
  error: { code: ApiErrorCode; message: string; fields?: Record<string, string>; details?: unknown };
};

export function apiError(
  status: number,
  code: ApiErrorCode,
  message: string,
  options: { fields?: Record<string, string>; details?: unknown; headers?: HeadersInit } = {},
): Response {
  const error: ApiErrorBody["error"] = { code, message };
  if (options.fields !== undefined) error.fields = options.fields;
  if (options.details !== undefined) error.details = options.details;
  const headers = new Headers(options.headers);
  headers.set("cache-control", "no-store");
  return Response.json({ error } satisfies ApiErrorBody, { status, headers });
}

/** 503 while the database cannot be reached: nothing was done, the same request may be retried. */
export function databaseUnavailable(): Response {
  return apiError(503, "database_unavailable", DATABASE_UNAVAILABLE_MESSAGE, {
    headers: { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
  });
}
