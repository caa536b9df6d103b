import { type Browser, test as base, expect, type Page } from "@playwright/test";

// Every test signs up users of its own through the UI, so tests never share rows and can run
// in parallel against one server and one database.

export type TestUser = { email: string; password: string };

export function newTestUser(prefix = "user"): TestUser {
  return {
    email: `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    password: "correct horse battery staple",
  };
}

export async function signUpThroughUi(page: Page, user: TestUser) {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
}

/** Fills and submits the sign-in form; `navigate: false` uses the sign-in page already open. */
export async function signInThroughUi(page: Page, user: TestUser, { navigate = true } = {}) {
  if (navigate) await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A second person: a browser context of their own (own cookies), already signed up. */
export async function newSignedUpPage(browser: Browser, prefix = "other") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = newTestUser(prefix);
  await signUpThroughUi(page, user);
  return { context, page, user };
}

/** Every test using this `test` starts as a fresh account, signed in on `page`, on the Webhooks tab. */
export const test = base.extend<{ user: TestUser }>({
  user: [
    async ({ page }, use) => {
      const user = newTestUser();
      await signUpThroughUi(page, user);
      await use(user);
    },
    { auto: true },
  ],
});

export { expect };
