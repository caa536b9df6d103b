// The one error shape of the HTTP API: { "error": { "code", "message", "details"? } }.

export type ApiErrorCode =
  | "unauthorized"
  | "unsupported_media_type"
  | "payload_too_large"
  | "malformed_json"
  | "unknown_event"
  | "invalid_request"
  | "method_not_allowed"
  | "rate_limited"
  | "internal_error";

export function apiError(
  status: number,
  code: ApiErrorCode,
  message: string,
  options: { details?: unknown; headers?: HeadersInit } = {},
): Response {
  const error: { code: ApiErrorCode; message: string; details?: unknown } = { code, message };
  if (options.details !== undefined) error.details = options.details;
  const headers = new Headers(options.headers);
  headers.set("cache-control", "no-store");
  return Response.json({ error }, { status, headers });
}
