import { getDb } from "@/db";
import type { ApiTokenScope } from "@/db/types";

export type ApiTokenSummary = {
  id: string;
  name: string;
  /** e.g. "dh_a1B2": the first characters, for telling tokens apart. */
  prefix: string;
  scope: ApiTokenScope;
  createdAt: number;
  lastUsedAt: number | null;
};

/** The user's tokens, newest first. Never returns a hash: there is nothing else to show. */
export async function listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
  const rows = await getDb()
    .selectFrom("api_tokens")
    .select(["id", "name", "token_prefix", "scope", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    scope: row.scope,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  }));
}
