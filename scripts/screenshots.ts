// npm run screenshots: PNGs of every page and dialog, at 1280×800 and some at 390×844, into
// docs/screenshots/. Builds the app if there is no build, then serves it on a free port with
// a fresh SQLite database in a temp directory (removed at the end), seeds a user with a week
// of deliveries through the product's own functions, and drives Debian's chromium.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../e2e/chromium";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "docs/screenshots");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "docuhooks-screenshots-"));
process.env.DATABASE_URL = path.join(tmp, "app.db");
process.env.DATA_DIR = tmp;
process.env.WEBHOOK_ALLOW_PRIVATE = "1";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = "correct horse battery staple";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

async function until<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function shoot(page: Page, name: string, { fullPage = false } = {}) {
  // Let fonts, charts and dialog animations settle.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, animations: "disabled", caret: "hide", fullPage });
  console.log(`  ${path.relative(root, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

async function signedIn(browser: Browser, baseURL: string, email: string, viewport: typeof DESKTOP) {
  const context = await browser.newContext({ baseURL, viewport, timezoneId: "UTC", locale: "en-US" });
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: PASSWORD, json: "true" },
  });
  if (!response.ok()) throw new Error(`sign-in of ${email}: HTTP ${response.status()}`);
  return context;
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.log("no build yet: next build");
    const build = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env: process.env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  // After the environment is set: these open the temp database on first use.
  const { closeDb, getDb, migrateToLatest } = await import("@/db");
  const { signUp } = await import("@/lib/auth/sign-up");
  const { createApiToken } = await import("@/lib/tokens/create-api-token");
  const { ZCreateWebhookSchema } = await import("@/lib/validation/webhook");
  const { createWebhook } = await import("@/lib/webhooks/create-webhook");
  const { recordEvent } = await import("@/lib/ingest/record-event");
  const { getSamplePayload } = await import("@/lib/webhooks/samples");
  const { insertDeliveryHistory } = await import("../tests/helpers/delivery-history");
  const { startReceiver } = await import("../tests/helpers/receiver");

  await migrateToLatest();
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    cwd: root,
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "error",
      // A failing delivery is seen as Failing, 2 of 3, and stays so while the pictures are taken.
      DELIVERY_RETRY_SCHEDULE_MS: "200,600000",
    },
  });
  const receiver = await startReceiver();
  receiver.reply = (request) =>
    request.path.startsWith("/hooks/crm")
      ? { status: 500, headers: { "content-type": "text/plain" }, body: "upstream error" }
      : { status: 200, headers: { "content-type": "application/json" }, body: '{"received":true}' };
  let browser: Browser | undefined;
  try {
    await waitForServer(`${baseURL}/signin`, server);
    fs.mkdirSync(outDir, { recursive: true });

    // Ada has three webhooks, a week of history on the first and a failing one; Grace has none.
    const ada = await signUp({ email: "ada@example.com", password: PASSWORD });
    const grace = await signUp({ email: "grace@example.com", password: PASSWORD });
    if (!ada.ok || !grace.ok) throw new Error("sign-up failed");
    const webhook = async (url: string, events: string[], extra: Record<string, unknown> = {}) => {
      const created = await createWebhook(ada.user.id, ZCreateWebhookSchema.parse({ url, events, enabled: true, ...extra }));
      if (!created.ok) throw new Error(`createWebhook: ${created.code}`);
      return created.webhook.id;
    };
    await webhook("https://hooks.example.com/archive", ["document.completed"], { enabled: false });
    const failingId = await webhook(`${receiver.url}/hooks/crm`, ["document.created"]);
    const mainId = await webhook(`${receiver.url}/hooks/orders`, ["document.sent", "document.signed", "document.completed"], {
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    });
    await insertDeliveryHistory(ada.user.id, mainId);
    const token = await createApiToken(ada.user.id, { name: "CI pipeline", scope: "write" });
    if (!token.ok) throw new Error("createApiToken failed");
    for (const type of ["DOCUMENT_SIGNED", "DOCUMENT_CREATED"] as const) {
      await recordEvent(ada.user.id, { type, payloadJson: JSON.stringify(getSamplePayload(type)) });
    }
    // The server's worker sends them: the orders one is Delivered, the CRM one Failing.
    await until(async () => {
      const rows = await getDb()
        .selectFrom("deliveries")
        .select("status")
        .where("webhook_id", "in", [mainId, failingId])
        .where("event_type", "in", ["DOCUMENT_SIGNED", "DOCUMENT_CREATED"])
        .where("status", "in", ["delivered", "retrying"])
        .where("attempt_count", ">", 0)
        .execute();
      return rows.length >= 2 ? rows : undefined;
    }, "the two live deliveries");

    browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
    const detail = `/settings/webhooks/${mainId}`;

    console.log("signed out, 1280×800");
    const visitor = await browser.newContext({ baseURL, viewport: DESKTOP, timezoneId: "UTC", locale: "en-US" });
    let page = await visitor.newPage();
    await page.goto("/signin");
    await shoot(page, "sign-in");
    await page.goto("/signup");
    await shoot(page, "sign-up");
    await page.goto("/no/such/page");
    await shoot(page, "not-found");
    await visitor.close();

    console.log("signed in, 1280×800");
    let context: BrowserContext = await signedIn(browser, baseURL, "ada@example.com", DESKTOP);
    page = await context.newPage();
    await page.goto("/settings/webhooks");
    await page.getByRole("columnheader", { name: "Health" }).waitFor();
    await shoot(page, "webhooks");
    await page.getByRole("button", { name: "Create Webhook" }).first().click();
    await page.getByRole("dialog", { name: "Create Webhook" }).waitFor();
    await shoot(page, "webhook-create");
    await page.keyboard.press("Escape");
    const mainRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: `${receiver.url}/hooks/orders` }) });
    await mainRow.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("dialog", { name: "Edit webhook" }).waitFor();
    await shoot(page, "webhook-edit");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await mainRow.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog", { name: "Delete webhook?" }).waitFor();
    await shoot(page, "webhook-delete");
    await page.keyboard.press("Escape");

    await page.goto(detail);
    await page.getByText(/^Last 24 hours: \d/).waitFor();
    await shoot(page, "webhook-detail", { fullPage: true });
    await page.getByRole("region", { name: /Deliveries over time/ }).scrollIntoViewIfNeeded();
    await page.getByRole("button", { name: "7 days" }).click();
    await page.getByText(/^Last 7 days: \d/).waitFor();
    await shoot(page, "webhook-detail-chart-7d");
    await page.goto(detail);
    await page
      .getByRole("button", { name: /Open delivery .* \(document\.signed\)/ })
      .first()
      .click();
    await page.getByRole("dialog", { name: "document.signed" }).waitFor();
    await shoot(page, "delivery-sheet");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Test", exact: true }).click();
    const test = page.getByRole("dialog", { name: "Send a test event" });
    await test.getByLabel("Event").selectOption("document.signed");
    await test.getByRole("button", { name: /Send/ }).click();
    await test.getByRole("status", { name: "Test outcome" }).waitFor();
    await shoot(page, "test-event");
    await page.keyboard.press("Escape");
    await page.goto(`/settings/webhooks/${failingId}`);
    await page.getByRole("button", { name: "Recover", exact: true }).click();
    await page.getByRole("dialog", { name: "Recover failing and failed deliveries" }).waitFor();
    await shoot(page, "recover");
    await page.keyboard.press("Escape");
    await page.goto(detail);
    await page.getByRole("button", { name: "Rotate secret", exact: true }).click();
    await page.getByRole("dialog", { name: "Rotate signing secret?" }).waitFor();
    await shoot(page, "rotate-secret");
    await page.keyboard.press("Escape");

    await page.goto("/settings/tokens");
    await page.getByText("CI pipeline").waitFor();
    await shoot(page, "tokens");
    await page.getByRole("button", { name: "Create token" }).click();
    const tokenDialog = page.getByRole("dialog", { name: "Create API token" });
    await tokenDialog.getByLabel("Token name").fill("Zapier");
    await tokenDialog.getByRole("button", { name: "Create token" }).click();
    await page.getByRole("dialog", { name: /Token “Zapier” created/ }).waitFor();
    await shoot(page, "token-created");
    await page.goto("/settings/tokens/api-reference");
    await shoot(page, "api-reference");
    await page.goto("/settings/webhooks/guide");
    await shoot(page, "guide");
    await page.goto("/settings/webhooks/guide/documenso");
    await shoot(page, "guide-documenso");
    await context.close();

    context = await signedIn(browser, baseURL, "grace@example.com", DESKTOP);
    page = await context.newPage();
    await page.goto("/settings/webhooks");
    await page.getByText("No webhooks yet").waitFor();
    await shoot(page, "webhooks-empty");
    await context.close();

    console.log("signed in, 390×844");
    context = await signedIn(browser, baseURL, "ada@example.com", PHONE);
    page = await context.newPage();
    await page.goto("/settings/webhooks");
    await page.getByRole("columnheader", { name: "Health" }).waitFor();
    await shoot(page, "phone-webhooks");
    await page.goto(detail);
    await page.getByRole("region", { name: /Deliveries over time/ }).scrollIntoViewIfNeeded();
    await page.getByText(/^Last 24 hours: \d/).waitFor();
    await shoot(page, "phone-webhook-detail-chart");
    await page
      .getByRole("button", { name: /Open delivery .* \(document\.signed\)/ })
      .first()
      .click();
    await page.getByRole("dialog", { name: "document.signed" }).waitFor();
    await shoot(page, "phone-delivery-sheet");
    await page.goto("/settings/webhooks");
    await page.getByRole("button", { name: "Create Webhook" }).first().click();
    await page.getByRole("dialog", { name: "Create Webhook" }).waitFor();
    await shoot(page, "phone-webhook-create");
    await page.goto("/settings/tokens");
    await shoot(page, "phone-tokens");
    await context.close();
  } finally {
    await browser?.close();
    await receiver.close();
    if (server.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      process.kill(-server.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    await closeDb();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
