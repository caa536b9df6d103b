import { getSamplePayload } from "../lib/webhooks/samples";
import { answering, expect, expectNoSeriousViolations, seedApiToken, seedWebhook, signedOutTest, test } from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// The finish a user notices: every tab names its page, an unknown address gets a branded page
// with a way back, a toast never blocks the row actions under it, and pages full of data (a
// Failing delivery's amber badge among them) have no serious or critical axe violation.

const DESKTOP = { width: 1280, height: 800 };

test.use({ viewport: DESKTOP });

test("each page has its own title", { tag: DB_INDEPENDENT }, async ({ page, user }) => {
  const { detailPath } = await seedWebhook(user, { url: "http://127.0.0.1:9/hooks/titles", events: ["document.signed"] });
  for (const [path, title] of [
    ["/settings/webhooks", "Webhooks · Docuhooks"],
    [detailPath, "Webhook deliveries · Docuhooks"],
    ["/settings/tokens", "API tokens · Docuhooks"],
    ["/settings/tokens/api-reference", "API reference · Docuhooks"],
    ["/settings/webhooks/guide", "Webhooks guide · Docuhooks"],
  ] as const) {
    await page.goto(path);
    await expect(page).toHaveTitle(title);
  }
});

signedOutTest("sign-in, sign-up and an unknown address are titled and lead back", { tag: DB_INDEPENDENT }, async ({ page }) => {
  await page.goto("/signin");
  await expect(page).toHaveTitle("Sign in · Docuhooks");
  await page.goto("/signup");
  await expect(page).toHaveTitle("Create an account · Docuhooks");

  const answer = await page.goto("/no/such/page");
  expect(answer?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · Docuhooks");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Docuhooks" })).toBeVisible();
  await expectNoSeriousViolations(page, "404");
  await page.getByRole("link", { name: "Go to your webhooks" }).click();
  // Signed out, the way back goes through sign-in.
  await expect(page).toHaveURL(/\/signin/);
});

test("a toast leaves the bottom row's actions clickable", { tag: DB_INDEPENDENT }, async ({ page, user }) => {
  for (let i = 0; i < 12; i++) {
    await seedWebhook(user, { url: `http://127.0.0.1:9/hooks/toast-${String(i).padStart(2, "0")}`, events: ["document.signed"] });
  }
  await page.goto("/settings/webhooks");
  const last = page
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: "http://127.0.0.1:9/hooks/toast-00", exact: true }) });
  await last.scrollIntoViewIfNeeded();
  await last.getByRole("switch", { name: "Enabled" }).click();
  await expect(page.getByRole("status").filter({ hasText: /disabled/i })).toBeVisible();
  // While the toast shows, Edit in the bottom row takes the click (Playwright refuses a click
  // that another element would receive).
  await last.getByRole("button", { name: "Edit", exact: true }).click({ timeout: 3000 });
  await expect(page.getByRole("dialog", { name: "Edit webhook" })).toBeVisible();
});

test("pages with data have no serious or critical axe violations", { tag: DB_INDEPENDENT }, async ({ page, user, receiver }) => {
  test.setTimeout(180_000);
  receiver.reply = answering(500);
  const { detailPath } = await seedWebhook(user, { url: `${receiver.url}/hooks/axe-data`, events: ["document.sent"] });
  const token = await seedApiToken(user, "axe");
  const answer = await page.request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${token}` },
    data: { event: "document.sent", payload: getSamplePayload("DOCUMENT_SENT") },
  });
  expect(answer.status()).toBe(202);

  await page.goto(detailPath);
  await expect(page.getByText(/Failing/).first()).toBeVisible({ timeout: 20_000 });
  await expectNoSeriousViolations(page, "webhook detail (Failing delivery)");

  await page
    .getByRole("button", { name: /Open delivery/ })
    .first()
    .click();
  await expect(page.getByRole("dialog", { name: "document.sent" })).toBeVisible();
  await expectNoSeriousViolations(page, "delivery sheet");
  await page.keyboard.press("Escape");

  await page.goto("/settings/tokens");
  await expect(page.getByRole("cell", { name: "axe", exact: true })).toBeVisible();
  await expectNoSeriousViolations(page, "/settings/tokens (one token)");

  await page.goto("/settings/tokens/api-reference");
  await expectNoSeriousViolations(page, "API reference");

  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Create Webhook" }).click();
  await expect(page.getByRole("dialog", { name: "Create Webhook" })).toBeVisible();
  await expectNoSeriousViolations(page, "create dialog");
});
