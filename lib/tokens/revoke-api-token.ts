import { getDb } from "@/db";

/**
 * Revokes (deletes) one of the user's tokens; the next request with it gets 401. Returns false
 * when the user has no token with that id, which is also the answer for another user's token.
 */
export async function revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
  const result = await getDb()
    .deleteFrom("api_tokens")
    .where("id", "=", tokenId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
