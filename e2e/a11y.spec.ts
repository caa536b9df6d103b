import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { createWebhookInUi, signUpNewUser } from "./support/sign-up";

// No serious or critical axe violation on the settings pages, and the detail page's dialogs
// work from the keyboard alone: Enter opens, focus stays inside, Escape closes and gives
// focus back to the button that opened it.

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  expect(serious, `${what}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

test("settings pages have no serious or critical axe violations", async ({ page }) => {
  // Six full axe scans on a 2-core machine take a while.
  test.setTimeout(180_000);
  await signUpNewUser(page, "axe");
  await expect(page.getByText("No webhooks yet")).toBeVisible();
  await expectNoSeriousViolations(page, "/settings/webhooks (empty)");

  // A receiver is not needed: the page is scanned with its empty log, then with a dialog open.
  await createWebhookInUi(page, "http://127.0.0.1:9/hooks/axe", ["document.signed"]);
  await expect(page.getByText("No deliveries yet")).toBeVisible();
  await expect(page.getByText("Success rate")).toBeVisible();
  await expectNoSeriousViolations(page, "webhook detail");

  await page.getByRole("button", { name: "Recover failed" }).click();
  await expect(page.getByRole("dialog")).toContainText("No failed deliveries");
  await expectNoSeriousViolations(page, "recover dialog");
  await page.keyboard.press("Escape");

  await page.goto("/settings/webhooks");
  await expect(page.getByRole("row", { name: /hooks\/axe/ })).toBeVisible();
  await expectNoSeriousViolations(page, "/settings/webhooks (one webhook)");

  await page.goto("/settings/tokens");
  await expect(page.getByText("No API tokens yet")).toBeVisible();
  await expectNoSeriousViolations(page, "/settings/tokens");

  await page.goto("/settings/webhooks/guide");
  await expect(page.getByRole("heading", { name: "Webhooks guide" })).toBeVisible();
  await page.getByText("document.signed", { exact: true }).click();
  await expectNoSeriousViolations(page, "guide");
});

test("detail page dialogs work from the keyboard", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpNewUser(page, "keys");
  await createWebhookInUi(page, "http://127.0.0.1:9/hooks/keys", ["document.signed"]);

  for (const [button, title] of [
    ["Test", "Send a test event"],
    ["Recover failed", "Recover failed deliveries"],
    ["Rotate secret", "Rotate signing secret?"],
    ["Edit", "Edit webhook"],
  ] as const) {
    const trigger = page.getByRole("button", { name: button, exact: true });
    await trigger.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: title });
    await expect(dialog).toBeVisible();
    // Focus is trapped: however far one tabs, it stays in the dialog.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((node) => node.contains(document.activeElement)), `${title}: tab ${i}`).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(trigger).toBeFocused();
  }
});
