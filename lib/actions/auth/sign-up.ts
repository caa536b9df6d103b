"use server";

import type { ActionResult } from "@/lib/actions/result";
import { fieldErrorsOf } from "@/lib/actions/result";
import { signUp } from "@/lib/auth/sign-up";
import { ZSignUpSchema } from "@/lib/validation/auth";

/** Creates the account; the form then signs in through next-auth with the same credentials. */
export async function signUpAction(input: unknown): Promise<ActionResult> {
  const parsed = ZSignUpSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields", fieldErrors: fieldErrorsOf(parsed.error) };
  }
  try {
    const result = await signUp(parsed.data);
    if (!result.ok) {
      return {
        ok: false,
        message: "An account with this email already exists",
        fieldErrors: { email: "An account with this email already exists. Sign in instead." },
      };
    }
    return { ok: true };
  } catch (error) {
    console.error("sign up failed", error);
    return { ok: false, message: "Could not create the account, try again" };
  }
}
