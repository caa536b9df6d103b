import { expect, seedUser, signedOutTest as test } from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// Forms sent before the page has hydrated (here: no JavaScript at all) post their fields in
// the request body: the password never reaches a URL, the address bar or a server log.
test.describe.configure({ timeout: 120_000 });
test.use({ javaScriptEnabled: false });

test("sign-in before hydration posts, and the password is in no URL", { tag: DB_INDEPENDENT }, async ({ page }) => {
  const user = await seedUser("nojs");
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));

  await page.goto("/signin");
  await expect(page.locator("form")).toHaveAttribute("method", "post");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/signin\?csrf=true$/);
  await expect(page.getByText("The page had not finished loading. Sign in again.")).toBeVisible();
  const password = encodeURIComponent(user.password);
  expect(urls.filter((url) => url.includes(password) || url.includes(user.password))).toEqual([]);
  expect(urls.some((url) => url.includes("/api/auth/callback/credentials"))).toBe(true);
});

test("sign-up before hydration posts, and the password is in no URL", { tag: DB_INDEPENDENT }, async ({ page }) => {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  const password = "a-secret-password-nojs";

  await page.goto("/signup");
  await expect(page.locator("form")).toHaveAttribute("method", "post");
  await page.getByLabel("Email").fill("nojs-signup@example.com");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
  expect(urls.filter((url) => url.includes(password))).toEqual([]);
});
