import { getDb } from "@/db";
import { newId } from "@/lib/ids";

// One row per signed-in browser. The session cookie (next-auth's JWT) names its row, and a
// cookie whose row is gone signs nobody in: sign-out deletes the row, so a copied cookie
// stops working although its JWT is still validly signed.

export type SessionUser = { id: string; email: string };

/** Opens a session for `userId` lasting `maxAgeMs`; also drops the user's expired ones. */
export async function createSession(userId: string, maxAgeMs: number, now = Date.now()): Promise<string> {
  const id = newId("ses");
  const db = getDb();
  await db.deleteFrom("sessions").where("user_id", "=", userId).where("expires_at", "<=", now).execute();
  await db
    .insertInto("sessions")
    .values({ id, user_id: userId, created_at: now, expires_at: now + maxAgeMs })
    .execute();
  return id;
}

/** The user a session cookie stands for, or null when its session ended, expired or is someone else's. */
export async function userForSession(userId: string, sessionId: string, now = Date.now()): Promise<SessionUser | null> {
  const user = await getDb()
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.email"])
    .where("sessions.id", "=", sessionId)
    .where("sessions.user_id", "=", userId)
    .where("sessions.expires_at", ">", now)
    .executeTakeFirst();
  return user ?? null;
}

export async function endSession(sessionId: string): Promise<void> {
  await getDb().deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** "Sign out everywhere": every browser of the user, this one included. */
export async function endAllSessions(userId: string): Promise<number> {
  const result = await getDb().deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes up to `limit` expired sessions of any user; maintenance repeats it until fewer come back. */
export async function deleteExpiredSessions(now = Date.now(), limit = 1_000): Promise<number> {
  const result = await getDb()
    .deleteFrom("sessions")
    .where("id", "in", (eb) => eb.selectFrom("sessions").select("id").where("expires_at", "<=", now).limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
