import { apiSignIn, expect, seedUser, seedWebhook, signInThroughUi, signedOutTest as test } from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// Where sign-in sends you: back to the page that asked, and never off the site.
test.describe.configure({ timeout: 120_000 });

// Values that once left the site (the URL parser drops the tab, leaving "//evil.example") or
// answered 500 (a newline or a character outside Latin-1 in the Location header).
const ADVERSARIAL = [
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%0D%0A/evil.example",
  "/%5C/evil.example",
  "//evil.example",
  "/%E2%98%83",
  "https://evil.example/",
  "javascript:alert(1)",
];

test("a deep link survives sign-in", { tag: DB_INDEPENDENT }, async ({ page }) => {
  const user = await seedUser("deep");

  await page.goto("/settings/tokens?from=link");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Ftokens%3Ffrom%3Dlink$/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens\?from=link$/);
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
});

test("a webhook's own page survives sign-in", { tag: DB_INDEPENDENT }, async ({ page }) => {
  const user = await seedUser("deep-webhook");
  const { detailPath } = await seedWebhook(user, { url: "http://127.0.0.1:9/hooks/deep", events: ["document.signed"] });

  await page.goto(detailPath);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await signInThroughUi(page, user, { navigate: false });
  await expect(page).toHaveURL(new RegExp(`${detailPath}$`));
  await expect(page.getByRole("heading", { name: "http://127.0.0.1:9/hooks/deep" })).toBeVisible();
});

test("a signed-in visitor is sent only to same-site paths, never a 500", { tag: DB_INDEPENDENT }, async ({
  page,
  context,
  baseURL,
}) => {
  await apiSignIn(context, await seedUser("redirect"));
  for (const value of ADVERSARIAL) {
    const response = await page.goto(`/signin?callbackUrl=${value}`);
    expect(response?.status(), value).toBeLessThan(500);
    expect(new URL(page.url()).origin, value).toBe(baseURL);
  }
});

test("signing in with an adversarial callbackUrl lands on our own site", { tag: DB_INDEPENDENT }, async ({ page, baseURL }) => {
  const user = await seedUser("adversarial");

  for (const value of ADVERSARIAL.slice(0, 3)) {
    const response = await page.goto(`/signin?callbackUrl=${value}`);
    expect(response?.status(), value).toBe(200);
    await signInThroughUi(page, user, { navigate: false });
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    expect(new URL(page.url()).origin, value).toBe(baseURL);
    await page.context().clearCookies();
  }
});

test("next-auth's own endpoints answer adversarial callbackUrls without a 500", { tag: DB_INDEPENDENT }, async ({ request }) => {
  for (const value of ADVERSARIAL) {
    const response = await request.get(`/api/auth/signin?callbackUrl=${value}`, { maxRedirects: 0 });
    expect(response.status(), value).toBeLessThan(500);
    const location = response.headers().location;
    if (location) expect(new URL(location, "http://localhost").host, value).not.toBe("evil.example");
  }
});
