import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/result";

// The failures every webhook action shares, worded once.

export const NOT_FOUND = { ok: false, message: "Webhook not found" } as const;

export function invalidInput(error: z.ZodError) {
  return { ok: false as const, message: "Check the highlighted fields", fieldErrors: fieldErrorsOf(error) };
}
