"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/actions/result";
import { getSessionUser } from "@/lib/auth/session";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { ZApiTokenIdSchema } from "@/lib/validation/api-token";

/** Revokes one of the signed-in user's tokens; another user's id is "not found". */
export async function revokeApiTokenAction(input: unknown): Promise<ActionResult> {
  const user = await getSessionUser();
  if (!user) return { ok: false, message: "Your session has ended. Sign in again." };

  const parsed = ZApiTokenIdSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Token not found" };

  try {
    const isRevoked = await revokeApiToken(user.id, parsed.data.id);
    revalidatePath("/settings/tokens");
    // Already gone (revoked in another tab) is reported, and the list refreshes either way.
    return isRevoked ? { ok: true } : { ok: false, message: "Token not found. It may have been revoked already." };
  } catch (error) {
    console.error("revoke API token failed", error);
    return { ok: false, message: "Could not revoke the token, try again" };
  }
}
