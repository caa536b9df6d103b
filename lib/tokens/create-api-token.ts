import { z } from "zod";
import { getDb, getDialect } from "@/db";
import type { ApiTokenScope } from "@/db/types";
import { newId } from "@/lib/ids";
import { ZCreateApiTokenSchema } from "@/lib/validation/api-token";
import { displayPrefix, generateToken, hashToken } from "./token-format";

export const MAX_API_TOKENS_PER_USER = 50;

export type CreatedApiToken = {
  id: string;
  name: string;
  prefix: string;
  scope: ApiTokenScope;
  createdAt: number;
  /** The token itself: returned this once, never stored, never shown again. */
  token: string;
};

export type CreateApiTokenResult =
  | { ok: true; token: CreatedApiToken }
  | { ok: false; code: "invalid"; message: string; fieldErrors: { name?: string[] } }
  | { ok: false; code: "limit"; message: string };

/** Creates an API token for the user. Scripts and tests call it directly (see docs/api.md). */
export async function createApiToken(
  userId: string,
  input: { name: string; scope?: ApiTokenScope },
): Promise<CreateApiTokenResult> {
  const parsed = ZCreateApiTokenSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    return { ok: false, code: "invalid", message: fieldErrors.name?.[0] ?? "Invalid token name", fieldErrors };
  }
  const token = generateToken();
  const row = {
    id: newId("tok"),
    user_id: userId,
    name: parsed.data.name,
    token_hash: hashToken(token),
    token_prefix: displayPrefix(token),
    scope: parsed.data.scope,
    created_at: Date.now(),
    last_used_at: null,
  };

  const created = await getDb()
    .transaction()
    .execute(async (trx) => {
      // Serialize a user's concurrent creations so the cap holds (SQLite's write transaction
      // already does; on Postgres the user row lock does).
      if (getDialect() === "postgres") {
        await trx.selectFrom("users").select("id").where("id", "=", userId).forUpdate().executeTakeFirst();
      }
      const { count } = await trx
        .selectFrom("api_tokens")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      if (Number(count) >= MAX_API_TOKENS_PER_USER) return false;
      await trx.insertInto("api_tokens").values(row).execute();
      return true;
    });

  if (!created) {
    return {
      ok: false,
      code: "limit",
      message: `You can have at most ${MAX_API_TOKENS_PER_USER} API tokens. Revoke one you no longer use first.`,
    };
  }
  return {
    ok: true,
    token: { id: row.id, name: row.name, prefix: row.token_prefix, scope: row.scope, createdAt: row.created_at, token },
  };
}
