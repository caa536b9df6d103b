import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { admitSignIn, signInThrottledMessage } from "@/lib/auth/sign-in-throttle";
import { signUp } from "@/lib/auth/sign-up";
import { testDialect } from "../helpers/db-info";

// Sign-in throttling as the credentials route runs it: admit, check the password, settle.
// The end-to-end answer (429, Retry-After, the form's sentence) is in e2e/sign-in-throttle.spec.ts.

// Long enough that no token comes back while a test runs; the window test shortens it.
const WINDOW_MS = 60_000;
const SHORT_WINDOW_MS = 4_500;
const PASSWORD = "correct horse battery staple";
const env = {
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: "3",
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: "6",
  SIGN_IN_THROTTLE_WINDOW_MS: String(WINDOW_MS),
};
const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
beforeAll(() => Object.assign(process.env, env));
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

let seq = 0;
const newEmail = () => `throttle-${seq++}-${Math.random().toString(36).slice(2)}@example.com`;
const newAddress = () => `198.51.100.${Math.floor(Math.random() * 250)}-${seq++}`;

type Outcome = { status: 200 | 401 } | { status: 429; retryAfterMs: number };

async function attempt(email: string, password: string, address: string): Promise<Outcome> {
  const gate = await admitSignIn(email, address);
  if (!gate.ok) return { status: 429, retryAfterMs: gate.retryAfterMs };
  const user = await authenticate({ email, password });
  await gate.settle(user !== null);
  return { status: user ? 200 : 401 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`sign-in throttling (${testDialect})`, () => {
  it("after the account's failures even the right password waits; after the window it works", async () => {
    process.env.SIGN_IN_THROTTLE_WINDOW_MS = String(SHORT_WINDOW_MS);
    const email = newEmail();
    await signUp({ email, password: PASSWORD });
    for (let i = 0; i < 3; i++) expect((await attempt(email, "wrong password", newAddress())).status).toBe(401);
    const refused = await attempt(email, PASSWORD, newAddress());
    expect(refused.status).toBe(429);
    if (refused.status === 429) {
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(SHORT_WINDOW_MS);
    }
    await sleep(SHORT_WINDOW_MS);
    expect((await attempt(email, PASSWORD, newAddress())).status).toBe(200);
    process.env.SIGN_IN_THROTTLE_WINDOW_MS = String(WINDOW_MS);
  });

  it("an unknown email is throttled exactly like a known one", async () => {
    const known = newEmail();
    await signUp({ email: known, password: PASSWORD });
    const unknown = newEmail();
    const run = async (email: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt(email, "wrong password", newAddress())).status);
      return statuses;
    };
    expect(await run(known)).toEqual([401, 401, 401, 429]);
    expect(await run(unknown)).toEqual([401, 401, 401, 429]);
  });

  it("a wrong password costs about as long for an unknown email as for a known one", async () => {
    const known = newEmail();
    await signUp({ email: known, password: PASSWORD });
    const time = async (email: string) => {
      const started = performance.now();
      await authenticate({ email, password: "wrong password" });
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      knownMs.push(await time(known));
      unknownMs.push(await time(newEmail()));
    }
    const ratio = median(unknownMs) / median(knownMs);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it("one client address is throttled across many emails; another address is not", async () => {
    const address = newAddress();
    for (let i = 0; i < 6; i++) expect((await attempt(newEmail(), "wrong password", address)).status).toBe(401);
    expect((await attempt(newEmail(), "wrong password", address)).status).toBe(429);
    expect((await attempt(newEmail(), "wrong password", newAddress())).status).toBe(401);
  });

  it("a refused attempt counts against neither key, a successful one gives its token back", async () => {
    const email = newEmail();
    await signUp({ email, password: PASSWORD });
    const address = newAddress();
    for (let i = 0; i < 5; i++) expect((await attempt(email, PASSWORD, address)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await attempt(email, "wrong password", address)).status).toBe(401);
    expect((await attempt(email, PASSWORD, address)).status).toBe(429);
    // The address has 3 failures: a refused attempt did not take a fourth.
    for (let i = 0; i < 3; i++) expect((await attempt(newEmail(), "wrong password", address)).status).toBe(401);
    expect((await attempt(newEmail(), "wrong password", address)).status).toBe(429);
  });

  it("says how long to wait in words", () => {
    expect(signInThrottledMessage(1)).toBe("Too many failed sign-ins. Try again in 1 second.");
    expect(signInThrottledMessage(61)).toBe("Too many failed sign-ins. Try again in 2 minutes.");
  });
});
