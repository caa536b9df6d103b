import type { z } from "zod";

// What every server action returns: the form shows `message` and puts `fieldErrors` under fields.
export type ActionResult<T = object> = ({ ok: true } & T) | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** Another user's webhook id and one that exists nowhere read the same, so ids cannot be probed. */
export const WEBHOOK_NOT_FOUND = { ok: false, message: "Webhook not found" } as const;

/**
 * The first message per field. For forms (the default) per top-level field, in the shape
 * react-hook-form's setError wants, errors of the whole input under "form". With
 * `paths: "full"` (the REST API) per dotted path, e.g. "customHeaders.0.name", each unknown
 * key as its own field, errors of the whole body under "body".
 */
export function fieldErrorsOf(error: z.ZodError, { paths = "top" }: { paths?: "top" | "full" } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const at = issue.path.map(String);
    if (paths === "full" && issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out[[...at, key].join(".")] ??= "Unknown field";
      continue;
    }
    const key = paths === "full" ? at.join(".") || "body" : (at[0] ?? "form");
    // Messages can quote the input (an unknown event name): keep what goes back short.
    out[key] ??= issue.message.length > 200 ? `${issue.message.slice(0, 200)}…` : issue.message;
  }
  return out;
}
