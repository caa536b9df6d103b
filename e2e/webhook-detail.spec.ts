import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { getSamplePayload } from "../lib/webhooks/samples";
import type { ReceivedRequest } from "../tests/helpers/receiver";
import { answering, expect, newSignedInPage, seedApiToken, seedWebhook, sendTest, test } from "./fixtures";

// A user points a webhook at a real receiver and works the detail page as a person would:
// Test, watch the log, open a delivery, Resend after a failure, Rotate the secret and check
// both secrets verify, then run "Copy as curl" with the real curl. Another user sees 404s.

/** The signing secret the webhooks here start with (the form's "Generate" makes this shape). */
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

const run = promisify(execFile);

function verifies(secret: string, request: ReceivedRequest): boolean {
  try {
    new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

async function revealSecret(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Reveal" }).click();
  const field = page.getByLabel("Signing secret", { exact: true });
  await expect(field).toHaveValue(/^whsec_/);
  const secret = await field.inputValue();
  await page.getByRole("button", { name: "Hide" }).click();
  return secret;
}

test("test, log, sheet, resend, rotate and copy as curl against a real receiver", async ({
  page,
  context,
  browser,
  user,
  receiver,
}) => {
  // One long story with several real deliveries.
  test.setTimeout(150_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const url = `${receiver.url}/hooks/docuhooks`;
  const { id: webhookId, detailPath } = await seedWebhook(user, {
    url,
    events: ["document.signed", "document.completed"],
    secret: SECRET,
  });
  await page.goto(detailPath);
  await expect(page.getByRole("heading", { name: url })).toBeVisible();
  await expect(page.getByText("Enabled", { exact: true })).toBeVisible();
  await expect(page.getByText("No deliveries yet")).toBeVisible();
  const oldSecret = await revealSecret(page);
  expect(oldSecret).toBe(SECRET);

  // Test: the outcome shows in the dialog, the receiver got exactly one request.
  const { dialog, outcome } = await sendTest(page, "document.signed");
  await expect(outcome).toContainText("Delivered");
  await expect(outcome).toContainText("HTTP 200");
  await expect(outcome).toContainText('"received": true');
  expect(receiver.requests).toHaveLength(1);
  const first = receiver.requests[0];
  expect(JSON.parse(first.body)).toMatchObject({ event: "DOCUMENT_SIGNED", webhookEndpoint: url });
  expect(verifies(oldSecret, first)).toBe(true);
  await dialog.getByRole("button", { name: "Close", exact: true }).first().click();
  await expect(dialog).toBeHidden();

  // The log row appeared without a reload.
  const messageId = String(first.headers["webhook-id"]);
  const row = page.getByRole("row", { name: new RegExp(messageId) });
  await expect(row).toContainText("Delivered");
  await expect(row).toContainText("document.signed");
  // A test is a manual attempt beside the schedule: none of the schedule's attempts was used.
  await expect(row).toContainText("0 of 3 + 1 by hand");

  // Filters live in the URL and survive a reload.
  await page.getByRole("tab", { name: "Failed" }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByText("No deliveries match these filters.")).toBeVisible();
  await page.getByRole("tab", { name: "Delivered" }).click();
  await expect(row).toBeVisible();
  await page.getByRole("button", { name: /Filter by event/ }).click();
  await page.getByRole("menuitemcheckbox", { name: "document.completed" }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/event=document\.completed/);
  await expect(page.getByText("No deliveries match these filters.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("tab", { name: "Delivered" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("button", { name: "Filter by event: document.completed" })).toBeVisible();
  await page.goto(`${detailPath}?search=${messageId}`);
  await expect(page.getByLabel("Search by delivery or event id")).toHaveValue(messageId);
  await expect(page.getByRole("button", { name: /Open delivery/ })).toHaveCount(1);
  await page.goto(detailPath);

  // The sheet shows the request and the response.
  await row.getByRole("button", { name: `Open delivery ${messageId} (document.signed)` }).click();
  const sheet = page.getByRole("dialog", { name: "document.signed" });
  const attempt1 = sheet.getByRole("article", { name: "Attempt 1 · Test" });
  await expect(attempt1).toContainText("Test");
  await expect(attempt1).toContainText("HTTP 200");
  await expect(attempt1).toContainText(`webhook-id: ${messageId}`);
  await expect(attempt1).toContainText('"event": "DOCUMENT_SIGNED"');
  await expect(attempt1).toContainText('"received": true');

  // The receiver starts failing; Resend logs a new, manual attempt of the same message.
  receiver.reply = answering(500);
  await sheet.getByRole("button", { name: "Resend" }).click();
  const attempt2 = sheet.getByRole("article", { name: "Attempt 2 · Manual resend" });
  await expect(attempt2).toContainText("HTTP 500");
  expect(receiver.requests[1].headers["webhook-id"]).toBe(messageId);
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  receiver.reply = answering(200);

  // Rotate: the new secret is shown once; the next delivery verifies with both secrets.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate signing secret?" });
  await rotate.getByRole("button", { name: "Rotate secret" }).click();
  const shown = page.getByRole("dialog", { name: "New signing secret" });
  const newSecret = await shown.getByLabel("Your new secret").inputValue();
  expect(newSecret).toMatch(/^whsec_/);
  expect(newSecret).not.toBe(oldSecret);
  await expect(shown).toContainText("The old secret keeps signing until");
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText(/previous secret also signs deliveries until/)).toBeVisible();
  expect(await revealSecret(page)).toBe(newSecret);

  const before = receiver.requests.length;
  const { dialog: again, outcome: rotatedOutcome } = await sendTest(page, "document.completed");
  await expect(rotatedOutcome).toContainText("HTTP 200");
  const rotated = receiver.requests.slice(before).find((r) => JSON.parse(r.body).event === "DOCUMENT_COMPLETED")!;
  expect(String(rotated.headers["webhook-signature"]).split(" ")).toHaveLength(2);
  expect(verifies(newSecret, rotated)).toBe(true);
  expect(verifies(oldSecret, rotated)).toBe(true);
  await page.keyboard.press("Escape");
  await expect(again).toBeHidden();

  // Copy as curl on that delivery; the real curl binary replays it and the receiver accepts it.
  const completedId = rotated.headers["webhook-id"];
  await page.getByRole("button", { name: `Open delivery ${completedId} (document.completed)` }).click();
  const completedSheet = page.getByRole("dialog", { name: "document.completed" });
  await completedSheet.getByRole("button", { name: "Copy as curl" }).click();
  await expect(page.getByText("curl command copied")).toBeVisible();
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toMatch(/^curl /);
  expect(command).not.toContain(newSecret);
  const beforeCurl = receiver.requests.length;
  const { stdout } = await run("bash", ["-c", command]);
  expect(JSON.parse(stdout)).toEqual({ received: true, status: 200 });
  const replayed = receiver.requests.slice(beforeCurl).find((r) => r.headers["webhook-id"] === completedId)!;
  expect(replayed).toBeDefined();
  expect(replayed.body).toBe(rotated.body);
  expect(verifies(newSecret, replayed)).toBe(true);
  expect(verifies(oldSecret, replayed)).toBe(true);

  // Another user: the page and every route of this webhook are 404.
  const { context: strangerContext, page: stranger } = await newSignedInPage(browser, "stranger");
  const response = await stranger.goto(detailPath);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { name: "Webhook not found" })).toBeVisible();
  await expect(stranger.getByText(url)).toHaveCount(0);
  for (const path of [
    `/api/webhooks/${webhookId}/deliveries`,
    `/api/webhooks/${webhookId}/health`,
    `/api/deliveries/${messageId}`,
  ]) {
    const answer = await strangerContext.request.get(path);
    expect(answer.status(), path).toBe(404);
    expect(await answer.text()).not.toContain(url);
  }
  await strangerContext.close();
});

test("a receiver answering 410 Gone disables the webhook; the notice links to it and one click re-enables", async ({
  page,
  user,
  receiver,
}) => {
  test.setTimeout(90_000);
  receiver.reply = answering(410);
  const url = `${receiver.url}/hooks/docuhooks`;
  const { detailPath } = await seedWebhook(user, { url, events: ["document.sent"], secret: SECRET });
  await page.goto(detailPath);

  const { dialog, outcome } = await sendTest(page, "document.sent");
  await expect(outcome).toContainText("HTTP 410");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // The header shows the state and the reason without a reload.
  await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(page.getByText("This webhook is disabled: nothing is sent to it.")).toBeVisible();
  await expect(page.getByText(/410/).first()).toBeVisible();

  // The Webhooks tab carries the in-app notice, linking back to the webhook.
  await page.goto("/settings/webhooks");
  const notice = page.getByRole("region", { name: /A webhook was disabled/ });
  await expect(notice).toContainText(url);
  await notice.getByRole("link", { name: url }).click();
  await expect(page).toHaveURL(new RegExp(`${detailPath}$`));

  // One click re-enables, then a test shows the endpoint healthy again.
  receiver.reply = answering(200);
  await page.getByRole("button", { name: "Re-enable and send a test" }).click();
  await expect(page.getByText("Enabled", { exact: true })).toBeVisible();
  const testDialog = page.getByRole("dialog", { name: "Send a test event" });
  await testDialog.getByRole("button", { name: /Send/ }).click();
  await expect(testDialog.getByRole("status", { name: "Test outcome" })).toContainText("HTTP 200");
  await page.keyboard.press("Escape");
  await page.goto("/settings/webhooks");
  await expect(page.getByRole("region", { name: /disabled/ })).toHaveCount(0);
});

test("recover resends what failed since the chosen time, after saying how many", async ({ page, user, receiver }) => {
  test.setTimeout(90_000);
  receiver.reply = answering(500);
  const { detailPath } = await seedWebhook(user, { url: `${receiver.url}/hooks/docuhooks`, events: ["document.completed"] });
  await page.goto(detailPath);

  const { outcome } = await sendTest(page, "document.completed");
  await expect(outcome).toContainText("HTTP 500");
  await page.keyboard.press("Escape");
  // A test is sent once: it is Failed at once, nothing is scheduled.
  const row = page.getByRole("row", { name: /document\.completed/ });
  await expect(row).toContainText("Failed");
  const failedRequests = receiver.requests.length;

  receiver.reply = answering(200);
  await page.getByRole("button", { name: "Recover", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Recover failing and failed deliveries" });
  await dialog.getByRole("button", { name: "Last 1 hour" }).click();
  await expect(dialog.getByRole("status")).toHaveText("1 delivery will be resent: 1 failed.");
  await dialog.getByRole("button", { name: "Resend 1" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("1 delivery queued again")).toBeVisible();

  await expect(row).toContainText("Delivered");
  expect(receiver.requests.length).toBe(failedRequests + 1);
  await row.getByRole("button", { name: /Open delivery/ }).click();
  const last = page.getByRole("dialog", { name: "document.completed" }).getByRole("article").first();
  await expect(last).toContainText("Manual");
  await expect(last).toContainText("HTTP 200");
});

test("a longer log pages with Load more, live, and a delivery opens from the keyboard", async ({ page, user, receiver }) => {
  test.setTimeout(120_000);
  // An API token, to post events as the user's own system would.
  const token = await seedApiToken(user, "paging");
  const { detailPath } = await seedWebhook(user, { url: `${receiver.url}/hooks/docuhooks`, events: ["document.opened"] });
  await page.goto(detailPath);
  for (let i = 0; i < 30; i++) {
    const answer = await page.request.post("/api/v1/events", {
      headers: { authorization: `Bearer ${token}` },
      data: { event: "document.opened", payload: { ...getSamplePayload("DOCUMENT_OPENED"), id: 9000 + i } },
    });
    expect(answer.status()).toBe(202);
  }

  // The log fills in by itself; the first page holds 25, Load more brings the rest.
  const openButtons = page.getByRole("button", { name: /Open delivery .* \(document\.opened\)/ });
  await expect(openButtons).toHaveCount(25);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(openButtons).toHaveCount(30);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /document\.opened/ }).filter({ hasText: "Delivered" })).toHaveCount(30);

  // Keyboard only: focus a row's button, Enter opens the sheet, Escape closes it and focus returns.
  const first = openButtons.first();
  await first.focus();
  await page.keyboard.press("Enter");
  const sheet = page.getByRole("dialog", { name: "document.opened" });
  await expect(sheet.getByRole("article", { name: /^Attempt 1 · / })).toContainText("HTTP 200");
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await expect(first).toBeFocused();
});
