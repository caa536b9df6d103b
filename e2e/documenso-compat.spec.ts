import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { getSamplePayload } from "../lib/webhooks/samples";
import type { ReceivedRequest } from "../tests/helpers/receiver";
import { expect, test } from "./fixtures";

// A user moving from Documenso sets a webhook up in the form: custom headers, the secret in
// X-Documenso-Secret and recipients' tokens. A receiver written the way Documenso's docs say
// (compare X-Documenso-Secret with its own copy) accepts the test event; the headers and
// tokens arrive; the log shows them masked. Then the options go off again in Edit.

const SECRET = "a-secret-shared-with-documenso";

/** Documenso's receiver, as its verification docs write it: 401 unless the secret header matches. */
function documensoReply(request: ReceivedRequest) {
  const receivedSecret = request.headers["x-documenso-secret"];
  let isValid = false;
  try {
    isValid = typeof receivedSecret === "string" && crypto.timingSafeEqual(Buffer.from(receivedSecret), Buffer.from(SECRET));
  } catch {
    isValid = false;
  }
  return {
    status: isValid ? 200 : 401,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(isValid ? { received: true } : { error: "Invalid signature" }),
  };
}

async function sendTest(page: Page) {
  await page.getByRole("button", { name: "Test", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Send a test event" });
  await dialog.getByLabel("Event").selectOption("document.signed");
  await dialog.getByRole("button", { name: /Send/ }).click();
  const outcome = dialog.getByRole("status", { name: "Test outcome" });
  await expect(outcome).toBeVisible();
  return { dialog, outcome };
}

test("custom headers and the Documenso options set in the form reach a Documenso receiver", async ({ page, receiver }) => {
  test.setTimeout(120_000);
  receiver.reply = documensoReply;
  const url = `${receiver.url}/webhooks/documenso`;
  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Create Webhook" }).first().click();
  const form = page.getByRole("dialog", { name: "Create Webhook" });
  await form.getByLabel("Webhook URL").fill(url);
  await form.getByRole("checkbox", { name: "document.signed", exact: true }).check();
  await form.getByLabel("Secret", { exact: true }).fill(SECRET);

  // A reserved header is refused under its row, before anything is sent.
  await form.getByRole("button", { name: "Add header" }).click();
  await form.getByLabel("Header name 1").fill("Content-Type");
  await form.getByLabel("Header value 1").fill("text/plain");
  await form.getByRole("button", { name: "Create Webhook" }).click();
  await expect(form.getByText("Content-Type is set by Docuhooks and can't be replaced")).toBeVisible();
  await form.getByLabel("Header name 1").fill("Authorization");
  await form.getByLabel("Header value 1").fill("Bearer receiver-api-key");
  await form.getByRole("button", { name: "Add header" }).click();
  await form.getByLabel("Header name 2").fill("X-Tenant");
  await form.getByLabel("Header value 2").fill("acme");

  await form.getByRole("checkbox", { name: "Also send the secret in X-Documenso-Secret" }).check();
  await expect(form.getByRole("note")).toContainText("The secret then travels in plain text with every request");
  await form.getByRole("checkbox", { name: "Include recipients' signing tokens" }).check();
  await form.getByRole("button", { name: "Create Webhook" }).click();
  await expect(form).toBeHidden();

  await page.getByRole("link", { name: url, exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks\/wh_/);

  // The Documenso receiver accepts the test: its secret check passes.
  const { dialog, outcome } = await sendTest(page);
  await expect(outcome).toContainText("Delivered");
  await expect(outcome).toContainText("HTTP 200");
  await dialog.getByRole("button", { name: "Close", exact: true }).first().click();
  const [first] = receiver.requests;
  expect(first.headers["x-documenso-secret"]).toBe(SECRET);
  expect(first.headers.authorization).toBe("Bearer receiver-api-key");
  expect(first.headers["x-tenant"]).toBe("acme");
  // Signatures come beside the secret, so the receiver can move to them.
  expect(() => new Webhook(SECRET, { format: "raw" }).verify(first.body, first.headers as Record<string, string>)).not.toThrow();
  const sample = getSamplePayload("DOCUMENT_SIGNED") as { recipients: { token: string }[] };
  const recipients = JSON.parse(first.body).payload.recipients as { token?: string }[];
  expect(recipients.map((r) => r.token)).toEqual(sample.recipients.map((r) => r.token));

  // The log shows the secret, header values and tokens masked, never their values.
  const messageId = String(first.headers["webhook-id"]);
  await page.getByRole("button", { name: `Open delivery ${messageId} (document.signed)` }).click();
  const sheet = page.getByRole("dialog", { name: "document.signed" });
  const attempt = sheet.getByRole("article", { name: /^Attempt 1( of | · )/ });
  await expect(attempt).toContainText("x-documenso-secret: ••••••••");
  await expect(attempt).toContainText("Authorization: ••••••••");
  await expect(attempt).toContainText('"token": "••••••••"');
  for (const secretText of [SECRET, "receiver-api-key", sample.recipients[0].token]) {
    await expect(sheet).not.toContainText(secretText);
  }
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();

  // Edit: saved headers show their names with the value kept; both options go off.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit webhook" });
  await expect(edit.getByLabel("Header name 1")).toHaveValue("Authorization");
  await expect(edit.getByLabel("Header value 1")).toHaveValue("");
  await expect(edit.getByLabel("Header value 1")).toHaveAttribute("placeholder", "•••••••• (unchanged)");
  await expect(edit.getByRole("checkbox", { name: "Also send the secret in X-Documenso-Secret" })).toBeChecked();
  await edit.getByLabel("Header value 2").fill("globex");
  await edit.getByRole("checkbox", { name: "Also send the secret in X-Documenso-Secret" }).uncheck();
  await edit.getByRole("checkbox", { name: "Include recipients' signing tokens" }).uncheck();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();

  // Now the Documenso receiver refuses (no secret header), and the payload has no tokens.
  const again = await sendTest(page);
  await expect(again.outcome).toContainText("HTTP 401");
  const second = receiver.requests[1];
  expect(second.headers["x-documenso-secret"]).toBeUndefined();
  expect(second.headers.authorization).toBe("Bearer receiver-api-key");
  expect(second.headers["x-tenant"]).toBe("globex");
  expect(second.body).not.toContain('"token"');
  expect(() =>
    new Webhook(SECRET, { format: "raw" }).verify(second.body, second.headers as Record<string, string>),
  ).not.toThrow();
});
