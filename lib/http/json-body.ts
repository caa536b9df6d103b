import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/result";
import { apiError } from "@/lib/http/api-error";
import { readLimitedBody } from "@/lib/ingest/read-body";

// The JSON bodies of the REST API (webhooks, tests, recover): read with a size cap, parsed,
// then checked by the same zod schemas the forms and server actions use. Every failure is the
// answer to send back: 415, 413 or 400 with a message per field path.

/** A webhook with 20 custom headers of 1,000 characters is ~25 KiB. */
export const API_BODY_MAX_BYTES = 64 * 1024;

type Read<T> = { ok: true; value: T } | { ok: false; response: Response };

export function isJsonContentType(header: string | null): boolean {
  // Parameters such as charset=utf-8 are fine; the media type itself must be JSON.
  return header?.split(";")[0].trim().toLowerCase() === "application/json";
}

/** The body as JSON: at most API_BODY_MAX_BYTES, UTF-8, sent as application/json. */
export async function readJsonBody(request: Request): Promise<Read<unknown>> {
  const contentType = request.headers.get("content-type");
  if (!isJsonContentType(contentType)) return { ok: false, response: notJson() };
  let body: Awaited<ReturnType<typeof readLimitedBody>>;
  try {
    body = await readLimitedBody(request, API_BODY_MAX_BYTES);
  } catch {
    return { ok: false, response: apiError(400, "malformed_json", "The request body could not be read completely.") };
  }
  if (!body.ok) {
    return {
      ok: false,
      response: apiError(413, "payload_too_large", `The body must be at most ${API_BODY_MAX_BYTES} bytes (64 KiB).`, {
        details: { maxBytes: API_BODY_MAX_BYTES },
      }),
    };
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.bytes)) };
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "the body is not valid UTF-8";
    return { ok: false, response: apiError(400, "malformed_json", `The body is not valid JSON: ${reason}`) };
  }
}

/** 415: the one wording of every JSON body route, ingestion included. */
export function notJson(): Response {
  return apiError(415, "unsupported_media_type", "Send the body as JSON with the header Content-Type: application/json.");
}

/** The value checked by the schema, or a 400 naming each bad field by its path ("customHeaders.0.name"). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): Read<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, response: invalidFields(fieldErrorsOf(parsed.error, { paths: "full" })) };
}

/** readJsonBody, then parseInput: the body as the schema reads it, or the answer to send. */
export async function readInput<S extends z.ZodType>(request: Request, schema: S): Promise<Read<z.output<S>>> {
  const body = await readJsonBody(request);
  return body.ok ? parseInput(schema, body.value) : body;
}

/** 400 invalid_request: the first problem in the message, every one in `fields`. */
export function invalidFields(fields: Record<string, string>): Response {
  const [path, message] = Object.entries(fields)[0] ?? ["body", "Invalid request"];
  return apiError(400, "invalid_request", `The request is not valid: ${path}: ${message}`, { fields });
}
