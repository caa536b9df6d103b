import { expect, seedWebhook, test } from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// The Create/Edit dialog at a laptop's 1280×800: its button in view, events grouped with a
// Select all per group and one link to the examples, a server-side error taking the user to
// its field, and unsaved edits never thrown away without asking. The layout and the prompts
// run once (DB_INDEPENDENT); the rate limit, saved and read back, runs on every database.

test.use({ viewport: { width: 1280, height: 800 } });

test("the create form fits the screen, groups its events and shows server errors at their field", {
  tag: DB_INDEPENDENT,
}, async ({ page }) => {
  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: "test-results/create-dialog-1280.png" });

  const submit = dialog.getByRole("button", { name: "Create Webhook" });
  await expect(submit).toBeInViewport();
  // One place for examples, not a button per event.
  await expect(dialog.getByRole("link", { name: "Example payloads" })).toHaveAttribute("href", /\/settings\/webhooks\/guide/);
  await expect(dialog.getByRole("button", { name: /example/i })).toHaveCount(0);

  await dialog.getByRole("button", { name: "Select all Documents" }).click();
  for (const name of ["document.created", "document.sent", "document.opened", "document.signed", "document.completed"]) {
    await expect(dialog.getByRole("checkbox", { name, exact: true })).toBeChecked();
  }
  await expect(dialog.getByRole("checkbox", { name: "document.rejected", exact: true })).not.toBeChecked();
  await dialog.getByRole("button", { name: "Clear Documents" }).click();
  await expect(dialog.getByRole("checkbox", { name: "document.signed", exact: true })).not.toBeChecked();

  // An error only the server finds (the secret header with no secret) focuses its field.
  await dialog.getByLabel("Webhook URL").fill("https://example.com/hooks/form-fit");
  await dialog.getByRole("checkbox", { name: "document.signed", exact: true }).check();
  await dialog.getByRole("checkbox", { name: "Also send the secret in X-Documenso-Secret" }).check();
  await dialog.getByLabel("Webhook URL").focus();
  await submit.click();
  await expect(dialog.getByText("Set a secret first")).toBeVisible();
  const field = dialog.getByRole("checkbox", { name: "Also send the secret in X-Documenso-Secret" });
  await expect(field).toBeFocused();
  await expect(field).toBeInViewport();
});

test("Create and Edit show their submit, Secret and Enabled without scrolling at 1280×800", { tag: DB_INDEPENDENT }, async ({
  page,
  user,
}) => {
  await seedWebhook(user, { url: "http://127.0.0.1:9/hooks/fits", events: ["document.signed"] });
  await page.goto("/settings/webhooks");
  for (const [open, name, submit] of [
    [page.getByRole("button", { name: "Create Webhook" }).first(), "Create Webhook", "Create Webhook"],
    [page.getByRole("button", { name: "Edit", exact: true }), "Edit webhook", "Save changes"],
  ] as const) {
    await open.click();
    const dialog = page.getByRole("dialog", { name });
    await expect(dialog).toBeVisible();
    // In the window and not covered (the sticky footer), with the dialog unscrolled.
    expect(await dialog.evaluate((node) => node.scrollTop)).toBe(0);
    for (const control of [
      dialog.getByRole("button", { name: submit }),
      dialog.getByLabel("Secret", { exact: true }),
      dialog.getByRole("switch", { name: "Enabled" }),
    ]) {
      await expect(control).toBeInViewport({ ratio: 1 });
      await control.click({ trial: true, timeout: 2000 });
    }
    await dialog.getByRole("switch", { name: "Enabled" }).press("Space");
    await expect(dialog.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
    await dialog.getByRole("switch", { name: "Enabled" }).press("Space");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    // Toggled twice, the form is as it was: Cancel closes without asking.
    await expect(dialog).toBeHidden();
  }
});

test("a dirty form asks before it is discarded: Escape, a click outside, Cancel", { tag: DB_INDEPENDENT }, async ({ page }) => {
  await page.goto("/settings/webhooks");
  const open = page.getByRole("button", { name: "Create Webhook" });
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  const ask = page.getByRole("dialog", { name: "Discard changes?" });

  // Untouched, it closes at once.
  await open.click();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await open.click();
  await dialog.getByLabel("Webhook URL").fill("https://example.com/hooks/dirty");

  await page.keyboard.press("Escape");
  await expect(ask).toBeVisible();
  await ask.getByRole("button", { name: "Keep editing" }).click();
  await expect(ask).toBeHidden();
  await expect(dialog.getByLabel("Webhook URL")).toHaveValue("https://example.com/hooks/dirty");

  await page.mouse.click(10, 10);
  await expect(ask).toBeVisible();
  // Escape in the question goes back to the form, too.
  await page.keyboard.press("Escape");
  await expect(ask).toBeHidden();
  await expect(dialog).toBeVisible();

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await ask.getByRole("button", { name: "Discard" }).click();
  await expect(dialog).toBeHidden();

  // Opened again, it starts empty.
  await open.click();
  await expect(dialog.getByLabel("Webhook URL")).toHaveValue("");
});

test("the edit form asks too, once changed", { tag: DB_INDEPENDENT }, async ({ page, user }) => {
  await seedWebhook(user, { url: "https://example.com/hooks/edit-dirty", events: ["document.signed"] });
  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Edit webhook" });
  await dialog.getByRole("checkbox", { name: "document.sent", exact: true }).check();
  await page.keyboard.press("Escape");
  await page.getByRole("dialog", { name: "Discard changes?" }).getByRole("button", { name: "Discard" }).click();
  await expect(dialog).toBeHidden();
});

test("a rate limit is typed in the form, refused when it is not a whole number, and kept on edit", async ({ page }) => {
  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Webhook URL").fill("https://example.com/hooks/rate-limited");
  await dialog.getByRole("checkbox", { name: "document.signed", exact: true }).check();
  const rate = dialog.getByLabel("Rate limit (deliveries a second)");
  await rate.fill("0.5");
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog.getByText(/Enter a whole number of deliveries a second/)).toBeVisible();
  await rate.fill("30");
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("row").filter({ hasText: "https://example.com/hooks/rate-limited" });
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit webhook" });
  await expect(edit.getByLabel("Rate limit (deliveries a second)")).toHaveValue("30");
});
