import { getSamplePayload } from "../lib/webhooks/samples";
import { expect, expectNoSeriousViolations, test } from "./fixtures";

// A new user creates an API token in settings, uses it against the real ingestion route,
// then revokes it and sees the same request refused.

test("create an API token, send an event with it, revoke it", async ({ page, context, playwright, baseURL }) => {
  // Three axe scans on a busy 2-core machine take a while.
  test.setTimeout(120_000);
  // The fixture has signed a new user in; they start on the Webhooks tab.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/settings/webhooks");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByText("No API tokens yet")).toBeVisible();

  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Token name").fill("E2E pipeline");
  await dialog.getByRole("button", { name: "Create token" }).click();

  await expect(dialog.getByText("won’t be shown again")).toBeVisible();
  const shown = await dialog.getByLabel("Your new API token").inputValue();
  expect(shown).toMatch(/^dh_[0-9A-Za-z]{32}$/);
  await expectNoSeriousViolations(page, "token shown once");
  await dialog.getByRole("button", { name: "Copy" }).click();
  const token = await page.evaluate(() => navigator.clipboard.readText());
  expect(token).toBe(shown);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Create token" })).toBeFocused();

  // The list shows the token by name and prefix, never the token itself.
  const row = page.getByRole("row", { name: /E2E pipeline/ });
  await expect(row).toContainText(token.slice(0, 7));
  await expect(row).toContainText("Never");
  await expect(page.getByText(token)).toHaveCount(0);

  // A fresh client per call, as curl would be: a kept-alive socket left idle past the
  // server's keep-alive timeout (while the UI steps run) can be reset as it is reused, which
  // is the client's race, not the API's answer.
  const send = async () => {
    const api = await playwright.request.newContext({ baseURL });
    try {
      const response = await api.post("/api/v1/events", {
        headers: { authorization: `Bearer ${token}` },
        data: { event: "document.signed", payload: getSamplePayload("DOCUMENT_SIGNED") },
      });
      return { status: response.status(), body: await response.json() };
    } finally {
      await api.dispose();
    }
  };
  const accepted = await send();
  expect(accepted.status).toBe(202);
  expect(accepted.body).toEqual({ id: expect.stringMatching(/^evt_/), deliveries: 0 });

  await page.reload();
  await expect(row).not.toContainText("Never");
  await expectNoSeriousViolations(page, "token list");

  // Escape cancels the confirmation and gives focus back to the row's button.
  const revokeButton = row.getByRole("button", { name: /Revoke/ });
  await revokeButton.click();
  await expect(page.getByRole("dialog")).toContainText("cannot be undone");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(revokeButton).toBeFocused();
  expect((await send()).status).toBe(202);

  await revokeButton.press("Enter");
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText("E2E pipeline");
  await expectNoSeriousViolations(page, "revoke confirmation");
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("No API tokens yet")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create token" })).toBeFocused();

  const refused = await send();
  expect(refused.status).toBe(401);
  expect(refused.body.error.code).toBe("unauthorized");
});
