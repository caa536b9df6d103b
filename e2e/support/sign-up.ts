import { expect, type Page } from "@playwright/test";

/** Signs a brand-new user up through the form; lands on the Webhooks tab. Returns the email. */
export async function signUpNewUser(page: Page, prefix: string): Promise<string> {
  const email = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  // Generous: sign-up hashes a password (scrypt) and the CI machine may be busy.
  await expect(page).toHaveURL(/\/settings\/webhooks/, { timeout: 30_000 });
  return email;
}

/** Creates a webhook through the Create Webhook dialog, with a generated secret; returns its detail page path. */
export async function createWebhookInUi(page: Page, url: string, events: string[]): Promise<string> {
  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Create Webhook" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Webhook URL").fill(url);
  for (const name of events) await dialog.getByRole("checkbox", { name, exact: true }).check();
  await dialog.getByRole("button", { name: "Generate" }).click();
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: url, exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks\/wh_/);
  return new URL(page.url()).pathname;
}
