import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { signUpAction } from "@/lib/actions/auth/sign-up";
import { verifyPassword } from "@/lib/auth/password";
import { testDialect } from "../helpers/db-info";

const PASSWORD = "correct horse battery staple";

async function usersWith(email: string) {
  return getDb().selectFrom("users").select(["id", "email", "password_hash"]).where("email", "=", email).execute();
}

describe(`sign-up action (${testDialect})`, () => {
  it("creates the account with the email trimmed and lower-cased and the password hashed", async () => {
    expect(await signUpAction({ email: "  New.Person@Example.COM ", password: PASSWORD })).toEqual({ ok: true });
    const [user] = await usersWith("new.person@example.com");
    expect(user.password_hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, user.password_hash)).toBe(true);
  });

  it("a taken email is a field error under Email, and no second account", async () => {
    const email = "taken@example.com";
    expect((await signUpAction({ email, password: PASSWORD })).ok).toBe(true);
    expect(await signUpAction({ email: "TAKEN@example.com", password: "another password" })).toEqual({
      ok: false,
      message: "An account with this email already exists",
      fieldErrors: { email: "An account with this email already exists. Sign in instead." },
    });
    expect(await usersWith(email)).toHaveLength(1);
  });

  it("bad input gets field errors and writes nothing", async () => {
    const count = async () => (await getDb().selectFrom("users").select("id").execute()).length;
    const before = await count();
    expect(await signUpAction({ email: "not an email", password: PASSWORD })).toMatchObject({
      ok: false,
      message: "Check the highlighted fields",
      fieldErrors: { email: "Enter a valid email address" },
    });
    expect(await signUpAction({ email: "short@example.com", password: "1234567" })).toMatchObject({
      fieldErrors: { password: "The password must be at least 8 characters" },
    });
    for (const input of [undefined, null, "x", [], { email: 1, password: 2 }]) {
      expect((await signUpAction(input)).ok).toBe(false);
    }
    expect(await count()).toBe(before);
  });
});
