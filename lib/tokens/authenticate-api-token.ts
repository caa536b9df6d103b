import { getDb } from "@/db";
import type { ApiTokenScope } from "@/db/types";
import { hashToken, looksLikeToken } from "./token-format";

/** "Last used" is shown to the minute; writing it more often would cost hot ingestion a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export type TokenIdentity = { userId: string; tokenId: string; scope: ApiTokenScope };

/** Who the token acts for (which token it is, and what it may do), or null for a missing, malformed or revoked token. */
export async function authenticateApiToken(token: string, now = Date.now()): Promise<TokenIdentity | null> {
  if (!looksLikeToken(token)) return null;
  const db = getDb();
  const row = await db
    .selectFrom("api_tokens")
    .select(["id", "user_id", "scope", "last_used_at"])
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  if (row.last_used_at === null || row.last_used_at <= now - LAST_USED_RESOLUTION_MS) {
    // The condition is repeated in SQL so concurrent requests don't all write.
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: now })
      .where("id", "=", row.id)
      .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<=", now - LAST_USED_RESOLUTION_MS)]))
      .execute();
  }
  return { userId: row.user_id, tokenId: row.id, scope: row.scope };
}
