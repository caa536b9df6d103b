import { limits } from "@/lib/config";
import { apiError } from "@/lib/http/api-error";
import { admitIngestRequest, ingestRateLimited } from "@/lib/http/rate-limit/ingest-rate-limit";
import { isNestedDeeperThan } from "@/lib/ingest/json-depth";
import { readLimitedBody } from "@/lib/ingest/read-limited-body";
import { recordEvent } from "@/lib/ingest/record-event";
import { logUnexpectedError } from "@/lib/log-unexpected-error";
import { authenticateApiToken } from "@/lib/tokens/authenticate-api-token";
import { parseEventRequest } from "@/lib/validation/event-request";

// POST /api/v1/events, documented in docs/api.md. Checks run cheapest first, and nothing is
// written until the request has passed every one of them.

const AUTH_REALM = 'Bearer realm="docuhooks"';
/** Documenso documents nest about five levels; anything near this is not a document. */
export const MAX_JSON_DEPTH = 64;

export async function handleEventRequest(request: Request): Promise<Response> {
  try {
    return await handle(request);
  } catch (error) {
    // Bad input never lands here (every check in handle() answers it with a 4xx): this is our fault.
    logUnexpectedError("POST /api/v1/events", error);
    return apiError(
      500,
      "internal_error",
      "Something went wrong on our side. Retry the request with the same idempotencyKey so it cannot be recorded twice.",
    );
  }
}

async function handle(request: Request): Promise<Response> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) {
    return apiError(
      401,
      "unauthorized",
      "Missing API token: send the header Authorization: Bearer <token>. Create a token under Settings → API tokens.",
      {
        headers: { "www-authenticate": AUTH_REALM },
      },
    );
  }
  const identity = await authenticateApiToken(token);
  if (!identity) {
    return apiError(401, "unauthorized", "Invalid or revoked API token.", {
      headers: { "www-authenticate": `${AUTH_REALM}, error="invalid_token"` },
    });
  }

  // Before the body is read: a client over its limit costs no more than the token lookup.
  const admission = await admitIngestRequest(identity.tokenId);
  if (!admission.ok) return ingestRateLimited(admission.retryAfterMs);

  if (!isJsonContentType(request.headers.get("content-type"))) {
    return apiError(415, "unsupported_media_type", "Send the body as JSON with the header Content-Type: application/json.");
  }
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

  const result = await recordEvent(identity.userId, parsed.value);
  // A replay accepted nothing new: 200 with the first request's answer; a new event: 202.
  return Response.json(
    { id: result.id, deliveries: result.deliveries },
    {
      status: result.replayed ? 200 : 202,
      headers: { "cache-control": "no-store", ...(result.replayed ? { "idempotent-replayed": "true" } : {}) },
    },
  );
}

export function methodNotAllowed(): Response {
  return apiError(405, "method_not_allowed", "Use POST to send an event.", { headers: { allow: "POST" } });
}

function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i);
  return match ? match[1] : null;
}

function isJsonContentType(header: string | null): boolean {
  // Parameters such as charset=utf-8 are fine; the media type itself must be JSON.
  return header?.split(";")[0].trim().toLowerCase() === "application/json";
}
