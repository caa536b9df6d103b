import { getDb } from "@/db";
import { newId } from "@/lib/ids";

/** Inserts a user row directly (tests of lib/ don't go through sign-up). */
export async function createTestUser(email = `user-${Math.random().toString(36).slice(2)}@example.com`) {
  const id = newId("usr");
  await getDb()
    .insertInto("users")
    .values({ id, email, name: null, password_hash: "test-only-not-a-hash", created_at: Date.now() })
    .execute();
  return { id, email };
}
