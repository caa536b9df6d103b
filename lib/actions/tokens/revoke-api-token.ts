"use server";

import { authenticatedAction } from "@/lib/actions/safe-action";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { ZApiTokenIdSchema } from "@/lib/validation/api-token";

/** "Revoke" after its confirmation; another user's token id is "not found". */
export const revokeApiTokenAction = authenticatedAction({
  name: "revoke API token",
  schema: ZApiTokenIdSchema,
  handler: async (user, { id }) => {
    const isRevoked = await revokeApiToken(user.id, id);
    return isRevoked ? { ok: true } : { ok: false, message: "Token not found. It may have been revoked already." };
  },
});
