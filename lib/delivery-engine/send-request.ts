import type { IncomingHttpHeaders } from "node:http";
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

function describeError(error: unknown, timeoutMs: number): { message: string; isTimeout: boolean } {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code;
  if (code && TIMEOUT_CODES.has(code)) return { message: `Timed out after ${timeoutMs} ms (${code})`, isTimeout: true };
  const message = e?.message || String(error);
  const detail = e?.cause?.message && e.cause.message !== message ? `: ${e.cause.message}` : "";
  return {
    message: clean(code && !message.includes(code) ? `${code}: ${message}${detail}` : `${message}${detail}`),
    isTimeout: false,
  };
}

/**
 * Sends through dispatcher.dispatch() with a handler of our own rather than request(): no
 * Readable stream or async iterator per response, which at thousands of deliveries a second
 * costs more than the request itself. The body is kept up to the log's cap, then the
 * response is aborted rather than read to the end.
 */
export function sendRequest(
  dispatcher: Dispatcher,
  target: RequestTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> {
  const started = performance.now();
  const maxBytes = limits.responseBodyMaxBytes;
  return new Promise<SendResult>((resolve) => {
    let status: number | null = null;
    let responseHeaders: IncomingHttpHeaders | null = null;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      const durationMs = Math.round(performance.now() - started);
      if (error !== undefined || status === null) {
        const { message, isTimeout } = describeError(error ?? new Error("No response"), timeoutMs);
        resolve({
          status: null,
          responseHeaders: null,
          responseBody: null,
          retryAfter: null,
          error: message,
          isTimeout,
          durationMs,
        });
        return;
      }
      const retryAfter = responseHeaders?.["retry-after"];
      resolve({
        status,
        responseHeaders: clean(JSON.stringify(responseHeaders ?? {})),
        responseBody: size === 0 ? "" : clean((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).toString("utf8")),
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : (retryAfter ?? null),
        error: null,
        isTimeout: false,
        durationMs,
      });
    };
    const handler: Dispatcher.DispatchHandler = {
      // Its presence tells undici this handler speaks the controller API.
      onRequestStart() {},
      onResponseStart(_controller, statusCode, receivedHeaders) {
        // 1xx informational responses come first; the final status is what counts.
        if (statusCode < 200) return;
        status = statusCode;
        responseHeaders = receivedHeaders;
      },
      onResponseData(controller, chunk) {
        if (settled) return;
        const room = maxBytes - size;
        if (chunk.length < room) {
          chunks.push(Buffer.from(chunk));
          size += chunk.length;
          return;
        }
        // Enough for the log: keep the first 64 KiB and drop the rest (and the connection).
        chunks.push(Buffer.from(chunk.subarray(0, room)));
        size = maxBytes;
        settle();
        controller.abort(new Error("response body cut at the log's limit"));
      },
      onResponseEnd() {
        settle();
      },
      onResponseError(_controller, error) {
        settle(error);
      },
    };
    try {
      dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: "POST",
          headers,
          body,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        handler,
      );
    } catch (error) {
      settle(error);
    }
  });
}
