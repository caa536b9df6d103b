import { getDb } from "@/db";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import { newId } from "@/lib/ids";
import type { TSignUpSchema } from "@/lib/validation/auth";

export type SignUpResult = { ok: true; user: { id: string; email: string } } | { ok: false; code: "email_taken" };

/** Creates a user; the email must already be parsed (trimmed, lower-cased) by ZSignUpSchema. */
export async function signUp({ email, password }: TSignUpSchema): Promise<SignUpResult> {
  const db = getDb();
  const existing = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (existing) {
    // One scrypt, as a new account costs: the answer's timing does not tell the email is taken.
    await verifyPassword(password, await dummyPasswordHash());
    return { ok: false, code: "email_taken" };
  }
  const user = { id: newId("usr"), email };
  const passwordHash = await hashPassword(password);
  try {
    await db
      .insertInto("users")
      .values({ ...user, name: null, password_hash: passwordHash, created_at: Date.now() })
      .execute();
  } catch (error) {
    // Two sign-ups with one email at once: the unique index decides, the loser is told so.
    const again = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
    if (again) return { ok: false, code: "email_taken" };
    throw error;
  }
  return { ok: true, user };
}
