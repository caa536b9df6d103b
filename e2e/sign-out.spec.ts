import { apiSignIn, expect, test } from "./fixtures";

// Signing out ends the session on the server: a copy of the session cookie (another browser,
// a stolen cookie) is sent to sign-in afterwards, although its JWT is still validly signed.
test.describe.configure({ timeout: 120_000 });

test("after sign-out, a copied session cookie signs nobody in", async ({ page, context, browser, user }) => {
  const copy = await browser.newContext();
  await copy.addCookies(await context.cookies());
  const copyPage = await copy.newPage();
  await copyPage.goto("/settings/webhooks");
  await expect(copyPage.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();

  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menu")).toContainText(user.email);
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);

  await copyPage.goto("/settings/webhooks");
  await expect(copyPage).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Fwebhooks$/);
  expect((await copy.request.get("/api/webhooks")).status()).toBe(401);
  await copy.close();
});

test("sign out everywhere ends every browser's session", async ({ page, browser, user }) => {
  const other = await browser.newContext();
  await apiSignIn(other, user);
  const otherPage = await other.newPage();
  await otherPage.goto("/settings/tokens");
  await expect(otherPage.getByRole("heading", { name: "API tokens" })).toBeVisible();

  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await otherPage.goto("/settings/tokens");
  await expect(otherPage).toHaveURL(/\/signin/);
  await other.close();
});
