import { expect, expectNoSeriousViolations, seedWebhook, test } from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// No serious or critical axe violation on the settings pages, and the detail page's dialogs
// work from the keyboard alone: Enter opens, focus stays inside, Escape closes and gives
// focus back to the button that opened it.

test("settings pages have no serious or critical axe violations", { tag: DB_INDEPENDENT }, async ({ page, user }) => {
  // Six full axe scans on a 2-core machine take a while.
  test.setTimeout(180_000);
  await page.goto("/settings/webhooks");
  await expect(page.getByText("No webhooks yet")).toBeVisible();
  await expectNoSeriousViolations(page, "/settings/webhooks (empty)");

  // A receiver is not needed: the page is scanned with its empty log, then with a dialog open.
  const { detailPath } = await seedWebhook(user, { url: "http://127.0.0.1:9/hooks/axe", events: ["document.signed"] });
  await page.goto(detailPath);
  await expect(page.getByText("No deliveries yet")).toBeVisible();
  await expect(page.getByText("Delivery success rate")).toBeVisible();
  await expectNoSeriousViolations(page, "webhook detail");

  await page.getByRole("button", { name: "Recover", exact: true }).click();
  await expect(page.getByRole("dialog")).toContainText("No failing or failed deliveries");
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

test("detail page dialogs work from the keyboard", { tag: DB_INDEPENDENT }, async ({ page, user }) => {
  test.setTimeout(120_000);
  const { detailPath } = await seedWebhook(user, { url: "http://127.0.0.1:9/hooks/keys", events: ["document.signed"] });
  await page.goto(detailPath);

  for (const [button, title] of [
    ["Test", "Send a test event"],
    ["Recover", "Recover failing and failed deliveries"],
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
