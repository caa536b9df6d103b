import type { Locator, Page } from "@playwright/test";
import { formatDateTime } from "../lib/format";
import { getSamplePayload } from "../lib/webhooks/samples";
import { startReceiver } from "../tests/helpers/receiver";
import {
  answering,
  apiSignIn,
  expect,
  seedApiToken,
  seedUser,
  seedWebhook,
  sendTest,
  signedOutTest,
  signInThroughUi,
  test,
} from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// The delivery log tells the truth at a glance: one vocabulary of states everywhere (tabs,
// badges, the test dialog, Recover, health), manual resends beside the schedule, errors in
// words, and times in the viewer's zone from the first paint. The e2e server's schedule is
// 200 ms then 10 min (playwright.config.ts): a delivery failing twice stays "Failing, 2 of 3,
// next in 10 min" for the whole test.

async function postEvent(page: Page, token: string, event = "document.sent") {
  const wire = event === "document.sent" ? "DOCUMENT_SENT" : "DOCUMENT_SIGNED";
  const answer = await page.request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${token}` },
    data: { event, payload: getSamplePayload(wire) },
  });
  expect(answer.status()).toBe(202);
}

/** The state badge of a log row ("Failing 500"). */
function stateOf(row: Locator): Locator {
  return row.getByRole("cell").first();
}

/** The moment a row's or the sheet's "Next attempt" points at, exactly (its <time dateTime>). */
async function nextAttemptAt(scope: Locator): Promise<string | null> {
  return scope
    .locator("time", { hasText: /^in \d+ min/ })
    .first()
    .getAttribute("datetime");
}

test("a webhook failing with 500 shows under Failing, says the same in the test dialog and the log, and Recover offers it", async ({
  page,
  user,
  receiver,
}) => {
  test.setTimeout(120_000);
  receiver.reply = answering(500);
  const token = await seedApiToken(user, "states");
  const { detailPath } = await seedWebhook(user, {
    url: `${receiver.url}/hooks/failing`,
    events: ["document.sent", "document.signed"],
  });
  await page.goto(detailPath);

  // A test is sent once: the dialog and the log both call it Failed (gave up), HTTP 500.
  const { dialog, outcome } = await sendTest(page, "document.signed");
  await expect(outcome).toContainText("Failed");
  await expect(outcome).toContainText("HTTP 500");
  await expect(outcome).toContainText("gave up");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  const testRow = page.getByRole("row", { name: /document\.signed/ });
  await expect(stateOf(testRow)).toHaveText(/^Failed/);
  await expect(testRow).toContainText("500");

  // A real event: two scheduled attempts fail, the third is 10 minutes away.
  await postEvent(page, token);
  const row = page.getByRole("row", { name: /document\.sent/ });
  await expect(row).toContainText("2 of 3", { timeout: 20_000 });
  await expect(stateOf(row)).toHaveText(/^Failing/);
  await expect(row).toContainText(/in \d+ min/);

  // The Failing tab holds it; the Failed tab holds the test; neither is empty.
  await page.getByRole("tab", { name: "Failing" }).click();
  await expect(page).toHaveURL(/status=failing/);
  await expect(page.getByRole("button", { name: /Open delivery .* \(document\.sent\)/ })).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Open delivery .* \(document\.signed\)/ })).toHaveCount(0);
  await page.getByRole("tab", { name: "Failed" }).click();
  await expect(page.getByRole("button", { name: /Open delivery .* \(document\.signed\)/ })).toHaveCount(1);
  await page.getByRole("tab", { name: "All" }).click();

  // Health: each success rate says what it counts.
  const health = page.getByRole("region", { name: /Health/ });
  await expect(health.getByText("Delivery success rate")).toBeVisible();
  await expect(health.getByText("Attempt success rate")).toBeVisible();
  await expect(health).toContainText("0 of 3 attempts", { timeout: 15_000 });
  await expect(health).toContainText("0 delivered of 1 finished");

  // Recover offers both, by state; once the endpoint is back, both arrive.
  receiver.reply = answering(200);
  await page.getByRole("button", { name: "Recover", exact: true }).click();
  const recover = page.getByRole("dialog", { name: "Recover failing and failed deliveries" });
  await recover.getByRole("button", { name: "Last 1 hour" }).click();
  await expect(recover.getByRole("status")).toHaveText("2 deliveries will be resent: 1 failing, 1 failed.");
  await recover.getByRole("button", { name: "Resend 2" }).click();
  await expect(recover).toBeHidden();
  await expect(stateOf(row)).toHaveText(/^Delivered/, { timeout: 20_000 });
  await expect(stateOf(testRow)).toHaveText(/^Delivered/);
  // The resend was an attempt of its own: the schedule's count is still 2 of 3.
  await expect(row).toContainText("2 of 3 + 1 by hand");
  await expect(health).toContainText("2 delivered of 2 finished", { timeout: 15_000 });
  await expect(health).toContainText("100%");
  await expect(health).toContainText("2 of 5 attempts");
});

test("a manual resend leaves '2 of 3, next in 10 min' where it was; the sheet reads answer first", async ({
  page,
  user,
  receiver,
}) => {
  test.setTimeout(90_000);
  receiver.reply = () => ({
    status: 500,
    headers: { "content-type": "text/html" },
    body: `<html><body><h1>Internal Server Error</h1><p>${"The upstream service did not answer. ".repeat(40)}</p></body></html>`,
  });
  const token = await seedApiToken(user, "resend");
  const { detailPath } = await seedWebhook(user, { url: `${receiver.url}/hooks/html`, events: ["document.sent"] });
  await page.goto(detailPath);
  await postEvent(page, token);
  const row = page.getByRole("row", { name: /document\.sent/ });
  await expect(row).toContainText("2 of 3", { timeout: 20_000 });
  await expect(row).toContainText(/in \d+ min/);
  const dueAt = await nextAttemptAt(row);
  expect(dueAt).toBeTruthy();

  await row.getByRole("button", { name: /Open delivery/ }).click();
  const sheet = page.getByRole("dialog", { name: "document.sent" });
  await expect(sheet.getByRole("article")).toHaveCount(2);
  await sheet.getByRole("button", { name: "Resend" }).click();
  const manual = sheet.getByRole("article", { name: /Attempt 3 · Manual resend/ });
  await expect(manual).toContainText("HTTP 500");
  // Where it was: still 2 of 3 scheduled, the next one due at the very same moment.
  await expect(sheet).toContainText("2 of 3 + 1 by hand");
  expect(await nextAttemptAt(sheet)).toBe(dueAt);

  // The latest attempt is open, the older ones are closed; the answer comes before the request.
  const articles = sheet.getByRole("article");
  await expect(articles).toHaveCount(3);
  await expect(articles.nth(0).locator("details").first()).toHaveAttribute("open", "");
  for (const i of [1, 2]) expect(await articles.nth(i).locator("details").first().getAttribute("open")).toBeNull();
  const order = await manual.evaluate((node) => {
    const response = node.querySelector('[aria-label="Response"]');
    const request = node.querySelector('[aria-label="Request"]');
    return response && request ? response.compareDocumentPosition(request) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
  });
  expect(order).toBeTruthy();
  await expect(manual).toContainText("500 Internal Server Error");
  // The HTML answer wraps inside the sheet instead of running off to the side.
  const body = manual.locator("pre").first();
  await expect(body).toContainText("The upstream service did not answer.");
  expect(await body.evaluate((node) => node.scrollWidth <= node.clientWidth + 1)).toBe(true);
  // Headers are there when asked for.
  const headers = manual.getByText(/^Request headers \(\d+\)$/);
  await expect(manual.getByText("webhook-id:")).toBeHidden();
  await headers.click();
  await expect(manual.getByText(/webhook-id: msg_/)).toBeVisible();

  // The log behind the sheet says the same.
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await expect(row).toContainText("2 of 3 + 1 by hand");
  expect(await nextAttemptAt(row)).toBe(dueAt);
  await expect(stateOf(row)).toHaveText(/^Failing/);
});

test("errors read in words with their code: refused, and no response headers in time", async ({ page, user, receiver }) => {
  test.setTimeout(90_000);
  receiver.reply = () => ({ hang: true });
  const token = await seedApiToken(user, "errors");
  // A port nothing listens on (the receiver's own, once it is closed, is taken by nobody).
  const closed = await startReceiver();
  const closedUrl = `${closed.url}/hooks/closed`;
  const closedHost = new URL(closed.url).host;
  await closed.close();
  const { detailPath: refusedPath } = await seedWebhook(user, { url: closedUrl, events: ["document.sent"] });
  const { detailPath: hangingPath } = await seedWebhook(user, { url: `${receiver.url}/hooks/hang`, events: ["document.sent"] });
  await postEvent(page, token);

  await page.goto(refusedPath);
  const refused = page.getByRole("row", { name: /document\.sent/ });
  await expect(refused).toContainText("2 of 3", { timeout: 20_000 });
  await refused.getByRole("button", { name: /Open delivery/ }).click();
  const refusedSheet = page.getByRole("dialog", { name: "document.sent" });
  const latest = refusedSheet.getByRole("article").first();
  await expect(latest).toContainText(`Connection refused by ${closedHost}`);
  await expect(latest.locator("code", { hasText: "ECONNREFUSED" }).first()).toBeVisible();
  await page.keyboard.press("Escape");

  await page.goto(hangingPath);
  const hanging = page.getByRole("row", { name: /document\.sent/ });
  // The e2e server waits 3 s for headers.
  await expect(hanging).toContainText(/[12] of 3/, { timeout: 20_000 });
  await hanging.getByRole("button", { name: /Open delivery/ }).click();
  const hangingSheet = page.getByRole("dialog", { name: "document.sent" });
  const hangingLatest = hangingSheet.getByRole("article").first();
  await expect(hangingLatest).toContainText("No response headers within 3 s");
  await expect(hangingLatest.locator("code", { hasText: "UND_ERR_HEADERS_TIMEOUT" })).toBeVisible();
});

// Times in the viewer's zone are the browser's zone and the server's formatting, the same
// whichever database stored the moment: these run once (DB_INDEPENDENT).
for (const timezoneId of ["America/Los_Angeles", "Asia/Kolkata"]) {
  signedOutTest(
    `a viewer in ${timezoneId} sees local times on the first paint`,
    { tag: DB_INDEPENDENT },
    async ({ browser, receiver }) => {
      test.setTimeout(90_000);
      const context = await browser.newContext({ timezoneId });
      const page = await context.newPage();
      const user = await seedUser("zone");
      const { id: webhookId, detailPath } = await seedWebhook(user, {
        url: `${receiver.url}/hooks/zone`,
        events: ["document.sent"],
      });
      const token = await seedApiToken(user, "zone");
      await postEvent(page, token);

      // As anyone starts: the sign-in page, then the app.
      await signInThroughUi(page, user);
      await expect(page).toHaveURL(/\/settings\/webhooks$/);
      const { rows } = await (await page.request.get(`/api/webhooks/${webhookId}/deliveries`)).json();
      const createdAt: number = rows[0].createdAt;
      const local = formatDateTime(createdAt, timezoneId);
      const utc = formatDateTime(createdAt, "UTC");
      expect(local).not.toBe(utc);

      // The HTML the server sends (what paints first, before any script) already holds local times.
      const response = await page.goto(detailPath);
      const html = await response!.text();
      expect(html).toContain(local);
      expect(html).not.toContain(utc);
      const time = page.locator("time", { hasText: local }).first();
      await expect(time).toBeVisible();
      // The exact moment and the zone on hover, the zone as the browser names it.
      const zoneName = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      expect(await time.getAttribute("title")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d \(/);
      expect(await time.getAttribute("title")).toContain(`(${zoneName})`);
      await expect(page.getByText(utc)).toHaveCount(0);
      await context.close();
    },
  );
}

signedOutTest(
  "a deep link opened before the browser named its zone is shown in local time, reloaded once",
  { tag: DB_INDEPENDENT },
  async ({ browser, receiver }) => {
    test.setTimeout(60_000);
    const context = await browser.newContext({ timezoneId: "Asia/Kolkata" });
    const page = await context.newPage();
    const user = await seedUser("deeplink");
    const { detailPath } = await seedWebhook(user, { url: `${receiver.url}/hooks/deep`, events: ["document.sent"] });
    await postEvent(page, await seedApiToken(user, "deeplink"));
    // Signed in without ever loading a page: the browser has not named its zone yet.
    await apiSignIn(context, user);
    const documents: string[] = [];
    page.on("response", (answer) => {
      if (answer.request().resourceType() === "document" && answer.url().endsWith(detailPath)) documents.push(answer.url());
    });
    await page.goto(detailPath);
    // The log's one row (the chart's table has rows with local times too).
    await expect(page.getByRole("row").filter({ hasText: "GMT+5:30" }).filter({ hasText: "document.sent" })).toHaveCount(1);
    const zoneName = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect((await context.cookies()).find((cookie) => cookie.name === "tz")?.value).toBe(encodeURIComponent(zoneName));
    // Once to learn the zone, then never again.
    expect(documents).toHaveLength(2);
    await page.reload();
    await expect(page.getByRole("row").filter({ hasText: "GMT+5:30" }).filter({ hasText: "document.sent" })).toHaveCount(1);
    expect(documents).toHaveLength(3);
    await context.close();
  },
);
