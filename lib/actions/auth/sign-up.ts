"use server";

import { publicAction } from "@/lib/actions/safe-action";
import { signUp } from "@/lib/auth/sign-up";
import { ZSignUpSchema } from "@/lib/validation/auth";

/**
 * Creates the account; the form then signs in through next-auth with the same credentials.
 * A taken email answers exactly as a new one (and costs as long): sign-up never says which
 * emails have accounts. Its owner's password then signs in; any other is a failed sign-in,
 * throttled like every other.
 */
export const signUpAction = publicAction({
  name: "sign up",
  schema: ZSignUpSchema,
  handler: async (input) => {
    await signUp(input);
    return { ok: true };
  },
});
