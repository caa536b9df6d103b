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

  it("a taken email answers as a new one, in about the same time; no second account, the password kept", async () => {
    const email = "taken@example.com";
    expect((await signUpAction({ email, password: PASSWORD })).ok).toBe(true);
    const timed = async (input: { email: string; password: string }) => {
      const started = performance.now();
      const result = await signUpAction(input);
      return { result, ms: performance.now() - started };
    };
    const taken = await timed({ email: "TAKEN@example.com", password: "another password" });
    const fresh = await timed({ email: `fresh-${Date.now()}@example.com`, password: "another password" });
    expect(taken.result).toEqual(fresh.result);
    expect(taken.result).toEqual({ ok: true });

    // Medians of a few (the machine is shared): one scrypt either way.
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const takenMs: number[] = [];
    const freshMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      takenMs.push((await timed({ email, password: `another password ${i}` })).ms);
      freshMs.push((await timed({ email: `fresh-${i}-${Date.now()}@example.com`, password: "another password" })).ms);
    }
    const ratio = median(takenMs) / median(freshMs);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    const users = await usersWith(email);
    expect(users).toHaveLength(1);
    expect(await verifyPassword(PASSWORD, users[0].password_hash)).toBe(true);
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
