import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import pg from "pg";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { freePort } from "../tests/helpers/free-port";
import { expect, newEmail, signedOutTest as test } from "./fixtures";

// Nothing secret reaches a log. A web process (`next start`) and a standalone worker of this
// test's own, on a fresh database, have their whole stdout and stderr captured while a person
// signs up, fails and passes sign-in, creates a webhook with a secret and a custom header and
// one nobody listens on, an API token, sends events (delivered, refused by the receiver, refused by us), rotates and
// reveals the secret, copies a delivery as curl and signs out. Then every secret of the flow
// is searched for in that output: the password, the session cookie, the webhook secrets, the
// header value, the API token, recipients' signing tokens, and the server's own keys.

test.describe.configure({ timeout: 240_000 });

// Playwright runs from the repository root, where `next start` finds the build.
const repoRoot = process.cwd();

type Captured = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function capture(command: string, args: string[], env: NodeJS.ProcessEnv): Captured {
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** A fresh database on the dialect of this project: a temp SQLite file, or a new Postgres database. */
async function freshDatabase(projectUrl: string, dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!/^postgres(ql)?:\/\//i.test(projectUrl)) return { url: path.join(dir, "app.db"), drop: async () => {} };
  const admin = new URL(projectUrl);
  admin.pathname = "/postgres";
  const name = `docuhooks_logs_${process.pid}_${randomBytes(4).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(projectUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("no password, cookie, secret or token appears in the web or worker output", async ({ browser, e2eDatabase, receiver }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docuhooks-logs-"));
  const database = await freshDatabase(e2eDatabase.url, dir);
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const serverKeys = {
    APP_ENCRYPTION_KEY: `enc-${randomBytes(16).toString("hex")}`,
    NEXTAUTH_SECRET: `auth-${randomBytes(16).toString("hex")}`,
  };
  const settings: Record<string, string> = {
    ...serverKeys,
    DATABASE_URL: database.url,
    DATA_DIR: dir,
    NEXTAUTH_URL: baseURL,
    WEBHOOK_ALLOW_PRIVATE: "1",
    WORKER_IN_WEB: "0",
    DELIVERY_RETRY_SCHEDULE_MS: "100,100",
    DELIVERY_THROTTLE_MIN_DELAY_MS: "100",
    DELIVERY_TIMEOUT_MS: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const env = { ...process.env, ...settings };
  let web: Captured | undefined;
  let worker: Captured | undefined;
  try {
    const migrate = capture("node", ["--import", "tsx", "scripts/migrate.ts"], env);
    expect(await migrate.exited, migrate.output()).toBe(0);
    web = capture("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port)], env);
    worker = capture("node", ["--import", "tsx", "scripts/worker.ts"], env);
    await expect
      .poll(async () => (await fetch(`${baseURL}/api/health`).catch(() => undefined))?.status, { timeout: 60_000 })
      .toBe(200);
    await expect.poll(() => worker?.output(), { timeout: 60_000 }).toContain("Docuhooks delivery worker, pid");

    const secrets: Record<string, string> = { ...serverKeys };
    const context = await browser.newContext({ baseURL, permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();

    // Sign up, sign out, a wrong password, then the right one.
    const email = newEmail("logs");
    secrets.password = `pw-${randomBytes(12).toString("hex")}`;
    await page.goto("/signup");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(secrets.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/, { timeout: 30_000 });
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/signin/);
    secrets.wrongPassword = `wrong-${randomBytes(12).toString("hex")}`;
    await signIn(page, email, secrets.wrongPassword);
    await expect(page.getByText("Incorrect email or password")).toBeVisible();
    await signIn(page, email, secrets.password);
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    const sessionCookie = (await context.cookies()).find((cookie) => cookie.name.includes("session-token"));
    expect(sessionCookie).toBeDefined();
    secrets.sessionCookie = sessionCookie!.value;

    // A webhook with a typed secret, a custom header and recipients' tokens.
    const url = `${receiver.url}/logs`;
    secrets.webhookSecret = `whsec_${randomBytes(24).toString("base64")}`;
    secrets.headerValue = `Bearer hdr-${randomBytes(12).toString("hex")}`;
    await page.getByRole("button", { name: "Create Webhook" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create Webhook" });
    await dialog.getByLabel("Webhook URL").fill(url);
    await dialog.getByRole("checkbox", { name: "document.signed", exact: true }).check();
    await dialog.getByRole("checkbox", { name: "document.completed", exact: true }).check();
    await dialog.getByLabel("Secret", { exact: true }).fill(secrets.webhookSecret);
    await dialog.getByRole("button", { name: "Add header" }).click();
    await dialog.getByLabel("Header name 1").fill("Authorization");
    await dialog.getByLabel("Header value 1").fill(secrets.headerValue);
    await dialog.getByLabel("Include recipients' signing tokens").check();
    await dialog.getByRole("button", { name: "Create Webhook" }).click();
    await expect(dialog).toBeHidden();

    // A second webhook nobody listens for: its attempts fail to connect.
    await page.getByRole("button", { name: "Create Webhook" }).first().click();
    await dialog.getByLabel("Webhook URL").fill("http://127.0.0.1:9/refused");
    await dialog.getByRole("checkbox", { name: "document.signed", exact: true }).check();
    await dialog.getByRole("button", { name: "Generate" }).click();
    secrets.refusedSecret = await dialog.getByLabel("Secret", { exact: true }).inputValue();
    await dialog.getByRole("button", { name: "Create Webhook" }).click();
    await expect(dialog).toBeHidden();

    // An API token.
    await page.goto("/settings/tokens");
    await page.getByRole("button", { name: "Create token" }).click();
    const tokenDialog = page.getByRole("dialog");
    await tokenDialog.getByLabel("Token name").fill("logs");
    await tokenDialog.getByRole("button", { name: "Create token" }).click();
    secrets.apiToken = await tokenDialog.getByLabel("Your new API token").inputValue();
    await tokenDialog.getByRole("button", { name: "Done" }).click();

    // Events: delivered, refused by the receiver (500 then 200), and refused by us.
    const payload = getSamplePayload("DOCUMENT_SIGNED") as { recipients: { token: string }[] };
    secrets.recipientToken = payload.recipients[0].token;
    const post = (body: unknown, token = secrets.apiToken) =>
      context.request.post("/api/v1/events", {
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        data: typeof body === "string" ? body : JSON.stringify(body),
      });
    expect((await post({ event: "document.signed", payload })).status()).toBe(202);
    await receiver.waitFor(1, (r) => r.path === "/logs");
    receiver.reply = (_request, index) => (index < 3 ? { status: 500, body: `no ${secrets.headerValue}` } : { status: 200 });
    expect((await post({ event: "document.completed", payload: getSamplePayload("DOCUMENT_COMPLETED") })).status()).toBe(202);
    await receiver.waitFor(3, (r) => r.path === "/logs");
    expect((await post({ event: "document.signed", payload }, `${secrets.apiToken}x`)).status()).toBe(401);
    expect((await post(`{"event":"document.signed","payload":${JSON.stringify(payload)}`)).status()).toBe(400);
    expect((await post({ event: "document.exploded", payload })).status()).toBe(400);
    expect((await post({ event: "document.signed", payload: { ...payload, id: "not a number" } })).status()).toBe(400);

    // Rotate, reveal, copy as curl, sign out.
    await page.goto("/settings/webhooks");
    await page.getByRole("link", { name: url, exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks\/wh_/);
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("dialog", { name: "Rotate signing secret?" }).getByRole("button", { name: "Rotate secret" }).click();
    const shown = page.getByRole("dialog", { name: "New signing secret" });
    secrets.rotatedSecret = await shown.getByLabel("Your new secret").inputValue();
    await shown.getByRole("button", { name: "Done" }).click();
    await page.getByRole("button", { name: "Reveal" }).click();
    await expect(page.getByLabel("Signing secret", { exact: true })).toHaveValue(secrets.rotatedSecret);
    expect((await post({ event: "document.signed", payload })).status()).toBe(202);
    await receiver.waitFor(5, (r) => r.path === "/logs");
    await page
      .getByRole("button", { name: /^Open delivery .* \(document\.signed\)$/ })
      .first()
      .click();
    await page.getByRole("dialog", { name: "document.signed" }).getByRole("button", { name: "Copy as curl" }).click();
    await expect(page.getByText("curl command copied")).toBeVisible();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/signin/);
    await context.close();

    // Stop both (a clean shutdown logs too), then search everything they wrote.
    web.child.kill("SIGTERM");
    worker.child.kill("SIGTERM");
    await Promise.all([web.exited, worker.exited]);
    const output = `${web.output()}\n${worker.output()}`;
    expect(output).toContain("Docuhooks delivery worker, pid");
    for (const [what, value] of Object.entries(secrets)) {
      expect(value.length, what).toBeGreaterThan(8);
      for (const form of new Set([value, encodeURIComponent(value), Buffer.from(value).toString("base64")])) {
        expect(output.includes(form), `${what} appears in the process output:\n${output}`).toBe(false);
      }
    }
  } finally {
    web?.child.kill("SIGKILL");
    worker?.child.kill("SIGKILL");
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
