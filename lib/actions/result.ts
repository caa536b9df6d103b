import type { z } from "zod";

// What every server action returns: the form shows `message` and puts `fieldErrors` under fields.
export type ActionResult<T = object> = ({ ok: true } & T) | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** Another user's webhook id and one that exists nowhere read the same, so ids cannot be probed. */
export const WEBHOOK_NOT_FOUND = { ok: false, message: "Webhook not found" } as const;

/** The first message per top-level field, in the shape react-hook-form's setError wants. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    // Messages can quote the input (an unknown event name): keep what goes back to the form short.
    out[key] ??= issue.message.length > 200 ? `${issue.message.slice(0, 200)}…` : issue.message;
  }
  return out;
}
