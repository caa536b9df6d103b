"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fieldErrorsOf } from "@/lib/actions/result";
import { getSessionUser } from "@/lib/auth/session";
import { type CreatedApiToken, createApiToken } from "@/lib/tokens/create-api-token";
import { ZCreateApiTokenSchema } from "@/lib/validation/api-token";

/** Creates a token for the signed-in user; the dialog shows `token.token` once. */
export async function createApiTokenAction(input: unknown): Promise<ActionResult<{ token: CreatedApiToken }>> {
  const user = await getSessionUser();
  if (!user) return { ok: false, message: "Your session has ended. Sign in again." };

  const parsed = ZCreateApiTokenSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields", fieldErrors: fieldErrorsOf(parsed.error) };

  try {
    const result = await createApiToken(user.id, parsed.data);
    if (!result.ok) return { ok: false, message: result.message, fieldErrors: { name: result.message } };
    revalidatePath("/settings/tokens");
    return { ok: true, token: result.token };
  } catch (error) {
    console.error("create API token failed", error);
    return { ok: false, message: "Could not create the token, try again" };
  }
}
