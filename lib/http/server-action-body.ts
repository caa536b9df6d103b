// A server action's arguments arrive as React's reply encoding: a JSON array (text/plain),
// or a multipart form whose field "0" holds it. Strings starting with "$" are references
// into the rest of the body. The framework throws (a 500) on a body that is not JSON, or that
// refers to parts that are not there; this check answers those with a 400 before it runs.
// Our clients only ever send plain values, so only self-contained "$" forms are accepted.

import { isNestedDeeperThan } from "@/lib/ingest/read-body";

/** The framework's own default limit for a server action body. */
export const SERVER_ACTION_BODY_MAX_BYTES = 1024 * 1024;

export type BodyProblem = { status: 400 | 413; message: string };

/** Our forms send objects a few levels deep; the framework's decoder recurses per level. */
const MAX_ARGUMENT_DEPTH = 32;

const SELF_CONTAINED = new Set(["$undefined", "$Infinity", "$-Infinity", "$-0", "$NaN"]);

/** "$$…" is an escaped "$", "$D…" a date, "$n…" a bigint, "$K<id>" form data (maybe empty). */
function isAcceptedDollarString(value: string, multipart: boolean): boolean {
  if (value.startsWith("$$") || value.startsWith("$D") || SELF_CONTAINED.has(value)) return true;
  if (value.startsWith("$n")) return /^\$n-?\d{1,400}$/.test(value);
  return multipart && /^\$K[0-9a-f]{1,8}$/.test(value);
}

/** Undefined when `json` is an argument list the framework can decode; else what is wrong. */
export function argumentListProblem(json: string, multipart: boolean): string | undefined {
  if (isNestedDeeperThan(json, MAX_ARGUMENT_DEPTH)) return `The arguments nest more than ${MAX_ARGUMENT_DEPTH} levels deep`;
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch {
    return "The request body is not valid JSON";
  }
  if (!Array.isArray(root)) return "The request body must be a list of arguments";
  // Iterative, so a deeply nested body cannot exhaust the stack.
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (value.startsWith("$") && !isAcceptedDollarString(value, multipart)) return "The request body has an unsupported value";
    } else if (value !== null && typeof value === "object") {
      for (const item of Object.values(value)) pending.push(item);
    }
  }
  return undefined;
}

function contentLength(headers: Headers): number | undefined {
  const raw = headers.get("content-length");
  return raw === null ? undefined : Number(raw);
}

/**
 * Checks a POST to a page: a server action call (Next-Action header), or a form post the
 * framework would decode as one (multipart without the header, sent before hydration).
 */
export async function serverActionBodyProblem(request: Request): Promise<BodyProblem | undefined> {
  const tooLarge: BodyProblem = { status: 413, message: "The request body is too large" };
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  const isActionCall = request.headers.has("next-action");
  const multipart = type.startsWith("multipart/form-data");
  if (!isActionCall && !multipart) return undefined;
  if ((contentLength(request.headers) ?? 0) > SERVER_ACTION_BODY_MAX_BYTES) return tooLarge;

  if (multipart) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return { status: 400, message: "The request body is not a valid multipart form" };
    }
    if (!isActionCall) return undefined;
    const root = form.get("0");
    if (typeof root !== "string") return { status: 400, message: "The request body has no argument list" };
    const problem = argumentListProblem(root, true);
    return problem ? { status: 400, message: problem } : undefined;
  }
  const text = await request.text();
  if (new TextEncoder().encode(text).byteLength > SERVER_ACTION_BODY_MAX_BYTES) return tooLarge;
  const problem = argumentListProblem(text, false);
  return problem ? { status: 400, message: problem } : undefined;
}
