import type { Dispatcher } from "undici";
import { limits } from "@/lib/config";

// One HTTP attempt. Never throws: every way it can end becomes a SendResult the retry policy
// and the delivery log understand. Success is judged by the caller (any 2xx); redirects are
// not followed, so a 3xx comes back here as a plain failure status.

export type RequestTarget = { origin: string; path: string };

export type SendResult = {
  status: number | null;
  responseHeaders: string | null;
  responseBody: string | null;
  retryAfter: string | null;
  error: string | null;
  isTimeout: boolean;
  durationMs: number;
};

const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

const targetCache = new Map<string, RequestTarget>();

/** origin + path of a webhook URL, parsed once per URL. */
export function requestTarget(url: string): RequestTarget {
  let target = targetCache.get(url);
  if (!target) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: parsed.pathname + parsed.search };
    if (targetCache.size >= 10_000) targetCache.clear();
    targetCache.set(url, target);
  }
  return target;
}

// Postgres text cannot hold NUL; a receiver's reply must never break the log write.
function clean(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
}

async function readCapped(body: Dispatcher.ResponseData["body"], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = maxBytes - size;
    if (chunk.length >= room) {
      chunks.push(chunk.subarray(0, room));
      size = maxBytes;
      // Enough for the log: drop the rest (and the connection) rather than read it all.
      body.destroy();
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  if (size === 0) return "";
  return clean((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).toString("utf8"));
}

function describeError(error: unknown, timeoutMs: number): { message: string; isTimeout: boolean } {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code;
  if (code && TIMEOUT_CODES.has(code)) return { message: `Timed out after ${timeoutMs} ms (${code})`, isTimeout: true };
  const message = e?.message || String(error);
  const detail = e?.cause?.message && e.cause.message !== message ? `: ${e.cause.message}` : "";
  return { message: clean(code && !message.includes(code) ? `${code}: ${message}${detail}` : `${message}${detail}`), isTimeout: false };
}

export async function sendRequest(
  dispatcher: Dispatcher,
  target: RequestTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> {
  const started = performance.now();
  try {
    const response = await dispatcher.request({
      origin: target.origin,
      path: target.path,
      method: "POST",
      headers,
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const declared = Number(response.headers["content-length"] ?? (response.statusCode === 204 ? 0 : NaN));
    // A body of known, allowed size is read in one go; anything else is read up to the cap.
    const responseBody =
      declared <= limits.responseBodyMaxBytes ? clean(await response.body.text()) : await readCapped(response.body, limits.responseBodyMaxBytes);
    const retryAfter = response.headers["retry-after"];
    return {
      status: response.statusCode,
      responseHeaders: clean(JSON.stringify(response.headers)),
      responseBody,
      retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : (retryAfter ?? null),
      error: null,
      isTimeout: false,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const { message, isTimeout } = describeError(error, timeoutMs);
    return {
      status: null,
      responseHeaders: null,
      responseBody: null,
      retryAfter: null,
      error: message,
      isTimeout,
      durationMs: Math.round(performance.now() - started),
    };
  }
}
