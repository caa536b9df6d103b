"use server";

import { authenticatedAction } from "@/lib/actions/safe-action";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { ZCreateApiTokenSchema } from "@/lib/validation/api-token";

/** "Create token": the dialog shows `token.token` once; only its hash is stored. */
export const createApiTokenAction = authenticatedAction({
  name: "create API token",
  schema: ZCreateApiTokenSchema,
  handler: async (user, input) => {
    const result = await createApiToken(user.id, input);
    if (!result.ok) return { ok: false, message: result.message, fieldErrors: { name: result.message } };
    return { ok: true, token: result.token };
  },
});
