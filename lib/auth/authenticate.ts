import { getDb } from "@/db";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { ZSignInSchema } from "@/lib/validation/auth";

/** The user for these credentials, or null: the caller cannot tell a wrong password from an unknown email. */
export async function authenticate(input: unknown): Promise<{ id: string; email: string } | null> {
  const parsed = ZSignInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await getDb()
    .selectFrom("users")
    .select(["id", "email", "password_hash"])
    .where("email", "=", email)
    .executeTakeFirst();
  if (!user) {
    await verifyPassword(password, await dummyPasswordHash());
    return null;
  }
  return (await verifyPassword(password, user.password_hash)) ? { id: user.id, email: user.email } : null;
}
