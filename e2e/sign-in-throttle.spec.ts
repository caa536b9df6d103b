import type { APIRequestContext } from "@playwright/test";
import { expect, newEmail, seedUser, signInThroughUi, signedOutTest as test } from "./fixtures";

// Failed sign-ins are throttled per email (5 in a window, one back every window/5; the e2e
// servers run a 60 s window): 429 with Retry-After and a plain sentence on the form, the same
// for an email nobody registered, and the right password works again once Retry-After passed.
test.describe.configure({ timeout: 120_000 });

async function postSignIn(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  return request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
}

test("five failures throttle the account, known or not; the window passes, sign-in works", async ({ page }) => {
  const user = await seedUser("throttle");
  const unknown = newEmail("throttle-nobody");

  const answers: { statuses: number[]; code: string; retryAfter: number }[] = [];
  for (const email of [user.email, unknown]) {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postSignIn(page.request, email, "not the password")).status());
    const refused = await postSignIn(page.request, email, email === user.email ? user.password : "whatever");
    statuses.push(refused.status());
    const body = (await refused.json()) as { error: { code: string } };
    answers.push({ statuses, code: body.error.code, retryAfter: Number(refused.headers()["retry-after"]) });
    if (email === user.email) {
      // The form shows the server's sentence, even for the right password.
      await signInThroughUi(page, user);
      await expect(page.getByText(/^Too many failed sign-ins\. Try again in \d+ seconds?\.$/)).toBeVisible();
      await expect(page).toHaveURL(/\/signin/);
    }
  }
  // The same answers whether or not the email has an account (Retry-After counts down).
  for (const answer of answers) {
    expect(answer.statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(answer.code).toBe("rate_limited");
    expect(answer.retryAfter).toBeGreaterThanOrEqual(1);
    expect(answer.retryAfter).toBeLessThanOrEqual(12);
  }

  // After Retry-After: the right password signs in.
  await page.waitForTimeout(answers[0].retryAfter * 1000);
  await signInThroughUi(page, user);
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
});
