import type { Locator } from "@playwright/test";
import { expect, expectNoPageScroll, seedApiToken, seedWebhook, sendTest, signedOutTest, test } from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// At a phone's width (390×844) no page scrolls sideways: wide tables scroll inside their own
// frame, and the top bar stays in view when the page scrolls down.

const PHONE = { width: 390, height: 844 };

async function expectInsideWindow(selector: Locator, what: string) {
  const box = await selector.boundingBox();
  expect(box, what).not.toBeNull();
  if (!box) return;
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(PHONE.width + 0.5);
}

test.use({ viewport: PHONE });

test("no page scrolls sideways at 390 px, with data and without", { tag: DB_INDEPENDENT }, async ({ page, user, receiver }) => {
  test.setTimeout(120_000);
  for (const path of ["/settings/webhooks", "/settings/tokens", "/settings/webhooks/guide", "/settings/tokens/api-reference"]) {
    await page.goto(path);
    await expect(page.getByRole("banner")).toBeVisible();
    await expectNoPageScroll(page, `${path} (empty)`);
  }

  const { detailPath } = await seedWebhook(user, {
    url: `${receiver.url}/hooks/a-rather-long-path-that-would-push-a-phone-screen-wide`,
    events: ["document.created", "document.sent", "document.opened", "document.signed", "document.completed"],
  });
  await seedApiToken(user, "a token with a long enough name to be wide");

  await page.goto("/settings/webhooks");
  await expect(page.getByRole("row", { name: /rather-long-path/ })).toBeVisible();
  await expectNoPageScroll(page, "/settings/webhooks (one webhook)");

  await page.goto("/settings/tokens");
  await expect(page.getByText("a token with a long enough name")).toBeVisible();
  await expectNoPageScroll(page, "/settings/tokens (one token)");

  await page.goto(detailPath);
  const { dialog } = await sendTest(page, "document.signed");
  await expectInsideWindow(dialog, "test dialog");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("row", { name: /document\.signed/ }).first()).toBeVisible();
  await expectNoPageScroll(page, "webhook detail (one delivery)");

  await page.getByRole("button", { name: /Open delivery .* \(document\.signed\)/ }).click();
  const sheet = page.getByRole("dialog", { name: "document.signed" });
  await expect(sheet).toBeVisible();
  await expectInsideWindow(sheet, "delivery sheet");
  await expectNoPageScroll(page, "delivery sheet");
  await page.keyboard.press("Escape");

  // The top bar stays when the page scrolls down.
  await page.goto("/settings/webhooks/guide");
  await page.mouse.wheel(0, 2000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  const bar = await page.getByRole("banner").boundingBox();
  expect(bar?.y).toBe(0);

  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const form = page.getByRole("dialog", { name: "Create Webhook" });
  await expect(form).toBeVisible();
  await expectInsideWindow(form, "create dialog");
});

signedOutTest.use({ viewport: PHONE });

signedOutTest("sign-in and sign-up fit a phone", { tag: DB_INDEPENDENT }, async ({ page }) => {
  for (const path of ["/signin", "/signup"]) {
    await page.goto(path);
    await expect(page.getByLabel("Email")).toBeVisible();
    await expectNoPageScroll(page, path);
  }
});
