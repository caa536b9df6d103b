import type { Page, Route } from "@playwright/test";
import { expect, newSignedInPage, seedWebhook, test } from "./fixtures";

// Long user stories (many round trips): on a busy 2-core machine they outgrow the
// default 60 s. The bound is on the whole test, never on how fast one step is.
test.describe.configure({ timeout: 180_000 });

async function openCreateDialog(page: Page) {
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * Rewrites this page's next server-action calls, swapping one webhook id for another in the
 * request body: what a user could do by hand with devtools.
 */
async function swapIdInServerActions(page: Page, ownId: string, foreignId: string) {
  await page.route("**/*", async (route: Route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() === "POST" && request.headers()["next-action"] && body?.includes(ownId)) {
      await route.continue({ postData: body.replaceAll(ownId, foreignId) });
      return;
    }
    await route.continue();
  });
}

test("create with field errors, edit, toggle and delete a webhook", async ({ page, user }) => {
  // Reach the tab the way a person does: the avatar menu.
  await page.goto("/");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "User settings" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(page.getByRole("link", { name: "Webhooks", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No webhooks yet")).toBeVisible();
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menu")).toContainText(user.email);
  await page.keyboard.press("Escape");

  const dialog = await openCreateDialog(page);
  await expect(dialog.getByRole("switch", { name: "Enabled" })).toBeChecked();
  // Nothing filled: both errors at once, and nothing is created.
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog.getByText("Enter a webhook URL")).toBeVisible();
  await expect(dialog.getByText("Choose at least one event")).toBeVisible();
  await dialog.getByLabel("Webhook URL").fill("ftp://example.com/hook");
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog.getByText("The URL must start with http:// or https://")).toBeVisible();
  await dialog.getByLabel("Webhook URL").fill("javascript:alert(1)");
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog.getByText("The URL must start with http:// or https://")).toBeVisible();

  const url = "https://example.com/hooks/e2e";
  await dialog.getByLabel("Webhook URL").fill(url);
  await dialog.getByLabel("document.signed", { exact: true }).check();
  await dialog.getByLabel("document.completed", { exact: true }).check();
  await expect(dialog.getByText("Choose at least one event")).toBeHidden();
  await dialog.getByRole("button", { name: "Generate" }).click();
  const secret = await dialog.getByLabel("Secret", { exact: true }).inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Webhook created" })).toBeVisible();

  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: url, exact: true }) });
  await expect(row).toContainText("document.signed");
  await expect(row).toContainText("document.completed");
  await expect(row.getByRole("switch", { name: "Enabled" })).toBeChecked();
  // The secret is never part of the list.
  await expect(page.getByText(secret)).toHaveCount(0);
  expect(JSON.stringify(await (await page.request.get("/api/webhooks")).json())).not.toContain(secret);

  // Edit: the same form, filled; the secret masked until revealed.
  await row.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit webhook" });
  await expect(edit.getByLabel("Webhook URL")).toHaveValue(url);
  await expect(edit.getByLabel("document.signed", { exact: true })).toBeChecked();
  await expect(edit.getByLabel("document.sent", { exact: true })).not.toBeChecked();
  await expect(edit.getByLabel("Secret", { exact: true })).toHaveValue("");
  await expect(edit.getByLabel("Secret", { exact: true })).toHaveAttribute("type", "password");
  await edit.getByRole("button", { name: "Reveal" }).click();
  await expect(edit.getByLabel("Secret", { exact: true })).toHaveValue(secret);
  await expect(edit.getByLabel("Secret", { exact: true })).toHaveAttribute("type", "text");
  await edit.getByLabel("Webhook URL").fill("not a url");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Enter a valid URL, such as https://example.com/webhook")).toBeVisible();
  const newUrl = "https://example.com/hooks/e2e-v2";
  await edit.getByLabel("Webhook URL").fill(newUrl);
  await edit.getByLabel("document.completed", { exact: true }).uncheck();
  await edit.getByLabel("document.sent", { exact: true }).check();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Webhook updated" })).toBeVisible();

  const editedRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: newUrl, exact: true }) });
  await expect(editedRow).toContainText("document.sent");
  await expect(editedRow).toContainText("document.signed");
  await expect(editedRow).not.toContainText("document.completed");
  await expect(page.getByRole("link", { name: url, exact: true })).toHaveCount(0);

  // Toggle from the row; it survives a reload.
  await editedRow.getByRole("switch", { name: "Enabled" }).click();
  await expect(editedRow.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: "Webhook disabled" })).toBeVisible();
  await page.reload();
  await expect(editedRow.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
  await editedRow.getByRole("switch", { name: "Enabled" }).click();
  await expect(editedRow.getByRole("switch", { name: "Enabled" })).toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: "Webhook enabled" })).toBeVisible();

  // Delete asks first; Cancel keeps the row, Delete removes it.
  await editedRow.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Delete webhook?" });
  await expect(confirm).toContainText(newUrl);
  await confirm.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(editedRow).toBeVisible();
  await editedRow.getByRole("button", { name: "Delete", exact: true }).click();
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Webhook deleted" })).toBeVisible();
  await expect(editedRow).toHaveCount(0);
  await expect(page.getByText("No webhooks yet")).toBeVisible();
  await page.reload();
  await expect(page.getByText("No webhooks yet")).toBeVisible();
});

test("the secret survives an edit that leaves it alone, and can be removed", async ({ page, user }) => {
  const url = "https://example.com/hooks/secret-kept";
  await seedWebhook(user, { url, events: ["document.opened"], secret: "my-shared-secret" });
  await page.goto("/settings/webhooks");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: url, exact: true }) });

  await row.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit webhook" });
  await edit.getByLabel("document.sent", { exact: true }).check();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();

  await row.getByRole("button", { name: "Edit", exact: true }).click();
  await edit.getByRole("button", { name: "Reveal" }).click();
  await expect(edit.getByLabel("Secret", { exact: true })).toHaveValue("my-shared-secret");
  await edit.getByLabel("Secret", { exact: true }).fill("");
  await expect(edit.getByText("Saving will remove the secret")).toBeVisible();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();

  await row.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(edit.getByRole("button", { name: "Reveal" })).toHaveCount(0);
  await expect(edit.getByLabel("Secret", { exact: true })).toHaveValue("");
});

test("the create dialog cannot be closed while it saves", async ({ page }) => {
  // Hold the create request until the test has tried to close the dialog.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) await released;
    await route.continue();
  });

  const url = "https://example.com/hooks/slow-save";
  await page.goto("/settings/webhooks");
  const dialog = await openCreateDialog(page);
  await dialog.getByLabel("Webhook URL").fill(url);
  await dialog.getByLabel("document.created", { exact: true }).check();
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog.getByRole("button", { name: "Saving…" })).toBeDisabled();
  await expect(dialog.getByLabel("Webhook URL")).toBeDisabled();
  await expect(dialog.getByRole("button", { name: "Close" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await page.mouse.click(5, 5);
  await expect(dialog).toBeVisible();

  release();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("link", { name: url, exact: true })).toBeVisible();
  // Opening it again starts from an empty form.
  const again = await openCreateDialog(page);
  await expect(again.getByLabel("Webhook URL")).toHaveValue("");
  await expect(again.getByLabel("document.created", { exact: true })).not.toBeChecked();
});

test("a second user sees none of the first user's webhooks and cannot change them", async ({ page, user, browser }) => {
  const url = "https://example.com/hooks/owner-only";
  const ownerWebhook = await seedWebhook(user, { url, events: ["document.signed"] });

  const other = await newSignedInPage(browser);
  try {
    await other.page.goto("/settings/webhooks");
    await expect(other.page.getByText("No webhooks yet")).toBeVisible();
    await expect(other.page.getByText(url)).toHaveCount(0);
    const listed = await (await other.page.request.get("/api/webhooks")).json();
    expect(listed).toEqual({ webhooks: [] });

    // The intruder's own webhook gives them real Edit/Delete/toggle requests to tamper with.
    const ownUrl = "https://example.com/hooks/intruder";
    const ownWebhook = await seedWebhook(other.user, { url: ownUrl, events: ["document.sent"] });
    await other.page.reload();
    const ownRow = other.page.getByRole("row").filter({ has: other.page.getByRole("link", { name: ownUrl, exact: true }) });
    await expect(ownRow).toContainText("document.sent");
    await swapIdInServerActions(other.page, ownWebhook.id, ownerWebhook.id);

    await ownRow.getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = other.page.getByRole("dialog", { name: "Delete webhook?" });
    await confirm.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(confirm.getByText("Webhook not found")).toBeVisible();
    await confirm.getByRole("button", { name: "Cancel", exact: true }).click();

    await ownRow.getByRole("button", { name: "Edit", exact: true }).click();
    const edit = other.page.getByRole("dialog", { name: "Edit webhook" });
    await edit.getByLabel("Webhook URL").fill("https://attacker.example/steal");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByText("Webhook not found")).toBeVisible();
    await edit.getByRole("button", { name: "Cancel", exact: true }).click();
    // The edit was never saved: Cancel asks before dropping it.
    await other.page.getByRole("dialog", { name: "Discard changes?" }).getByRole("button", { name: "Discard" }).click();
    await expect(edit).toBeHidden();

    await ownRow.getByRole("switch", { name: "Enabled" }).click();
    await expect(other.page.getByRole("status").filter({ hasText: "Webhook not found" })).toBeVisible();
    await expect(ownRow.getByRole("switch", { name: "Enabled" })).toBeChecked();
  } finally {
    await other.context.close();
  }

  // The owner's webhook is exactly as it was.
  await page.goto("/settings/webhooks");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: url, exact: true }) });
  await expect(row).toContainText("document.signed");
  await expect(row.getByRole("switch", { name: "Enabled" })).toBeChecked();
  await expect(page.getByText("attacker.example")).toHaveCount(0);
});
