"use server";

import { publicAction } from "@/lib/actions/safe-action";
import { signUp } from "@/lib/auth/sign-up";
import { ZSignUpSchema } from "@/lib/validation/auth";

const EMAIL_TAKEN = "An account with this email already exists";

/** Creates the account; the form then signs in through next-auth with the same credentials. */
export const signUpAction = publicAction({
  name: "sign up",
  schema: ZSignUpSchema,
  handler: async (input) => {
    const result = await signUp(input);
    if (!result.ok) return { ok: false, message: EMAIL_TAKEN, fieldErrors: { email: `${EMAIL_TAKEN}. Sign in instead.` } };
    return { ok: true };
  },
});
