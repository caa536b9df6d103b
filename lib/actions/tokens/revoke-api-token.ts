"use server";

import { revalidatePath } from "next/cache";
import { authenticatedAction } from "@/lib/actions/safe-action";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { ZApiTokenIdSchema } from "@/lib/validation/api-token";

/** "Revoke" after its confirmation; another user's token id is "not found". */
export const revokeApiTokenAction = authenticatedAction({
  name: "revoke API token",
  schema: ZApiTokenIdSchema,
  handler: async (user, { id }) => {
    const isRevoked = await revokeApiToken(user.id, id);
    // The tokens page renders its list on the server (it has no react-query list to
    // invalidate); it refreshes either way, so a token revoked in another tab leaves it too.
    revalidatePath("/settings/tokens");
    return isRevoked ? { ok: true } : { ok: false, message: "Token not found. It may have been revoked already." };
  },
});
