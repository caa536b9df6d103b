import { limits } from "@/lib/config";
import { apiError } from "@/lib/http/api-error";
import { isJsonContentType, notJson } from "@/lib/http/json-body";
import { withSecurityHeaders } from "@/lib/http/security-headers";
import type { TokenIdentity } from "@/lib/http/with-api-token";
import { withApiToken } from "@/lib/http/with-api-token";
import { isNestedDeeperThan, readLimitedBody } from "@/lib/ingest/read-body";
import { recordEvent } from "@/lib/ingest/record-event";
import { parseEventRequest } from "@/lib/validation/event-request";

// POST /api/v1/events: ingests a document event (Bearer API token) and queues its deliveries,
// documented in docs/api.md. Checks run cheapest first (the token's in withApiToken), and
// nothing is written until the request has passed every one of them.

/** Documenso documents nest about five levels; anything near this is not a document. */
const MAX_JSON_DEPTH = 64;

/** The token checks come first (withApiToken), ingestion is a write. */
const handleEventRequest = withApiToken(
  {
    scope: "write",
    // Bad input never gets a 500 (every check below answers it with a 4xx): this is our fault.
    unexpectedErrorMessage:
      "Something went wrong on our side. Retry the request with the same idempotencyKey so it cannot be recorded twice.",
  },
  async ({ request, token }) => handle(request, token),
);

async function handle(request: Request, token: TokenIdentity): Promise<Response> {
  if (!isJsonContentType(request.headers.get("content-type"))) return notJson();
  const encoding = request.headers.get("content-encoding")?.trim().toLowerCase();
  if (encoding && encoding !== "identity") {
    return apiError(
      415,
      "unsupported_media_type",
      `Content-Encoding "${encoding.slice(0, 40)}" is not supported: send the body uncompressed.`,
    );
  }

  let body: Awaited<ReturnType<typeof readLimitedBody>>;
  try {
    body = await readLimitedBody(request, limits.eventBodyMaxBytes);
  } catch {
    // The client aborted or broke the upload: its fault, and nobody is listening anyway.
    return apiError(400, "malformed_json", "The request body could not be read completely.");
  }
  if (!body.ok) {
    return apiError(413, "payload_too_large", `The body must be at most ${limits.eventBodyMaxBytes} bytes (256 KiB).`, {
      details: { maxBytes: limits.eventBodyMaxBytes },
    });
  }

  let text: string;
  let json: unknown;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body.bytes);
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "the body is not valid UTF-8";
    return apiError(400, "malformed_json", `The body is not valid JSON: ${reason}`);
  }
  if (isNestedDeeperThan(text, MAX_JSON_DEPTH)) {
    return apiError(400, "invalid_request", `The JSON nests more than ${MAX_JSON_DEPTH} levels deep.`);
  }

  const parsed = parseEventRequest(json, text);
  if (!parsed.ok) {
    if (parsed.code === "unknown_event") {
      return apiError(400, "unknown_event", parsed.message, { details: { validEvents: parsed.validEvents } });
    }
    return apiError(400, "invalid_request", parsed.message, { details: parsed.issues });
  }

  const result = await recordEvent(token.userId, parsed.value);
  // A replay accepted nothing new: 200 with the first request's answer; a new event: 202.
  return Response.json(
    { id: result.id, deliveries: result.deliveries },
    {
      status: result.replayed ? 200 : 202,
      headers: { "cache-control": "no-store", ...(result.replayed ? { "idempotent-replayed": "true" } : {}) },
    },
  );
}

function methodNotAllowed(): Response {
  return apiError(405, "method_not_allowed", "Use POST to send an event.", { headers: { allow: "POST" } });
}

// The proxy does not run here (it would buffer the body the handler streams), so the route
// adds the security headers itself.
export const POST = withSecurityHeaders(handleEventRequest);
export const GET = withSecurityHeaders(methodNotAllowed);
export const PUT = withSecurityHeaders(methodNotAllowed);
export const PATCH = withSecurityHeaders(methodNotAllowed);
export const DELETE = withSecurityHeaders(methodNotAllowed);
