import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable-message";
import { freePort } from "../tests/helpers/free-port";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../tests/helpers/throwaway-postgres";
import { expect, newEmail, signedOutTest as test } from "./fixtures";

// While Postgres is down, a person sees what happened instead of "Something went wrong" or a
// stack: the page they open and the sign-in form say the database is unreachable, ingestion
// answers 503 with Retry-After; once it is back, the same server serves the page again. The
// server is a `next start` of this test's own on a Postgres cluster of its own (stopped and
// started here), so it runs once, in the postgres project (or the first one when there is none).

test.describe.configure({ timeout: 180_000 });

test("pages, sign-in and ingestion say the database is unreachable, and recover", async ({ browser }, testInfo) => {
  const names = testInfo.config.projects.map((project) => project.name);
  test.skip(testInfo.project.name !== (names.includes("postgres") ? "postgres" : names[0]), "runs in one project only");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docuhooks-db-down-"));
  let cluster: ThrowawayPostgres | undefined;
  let web: ChildProcess | undefined;
  try {
    cluster = await startThrowawayPostgres();
    const port = await freePort();
    const baseURL = `http://localhost:${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: cluster.url,
      DATA_DIR: dir,
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: randomBytes(16).toString("hex"),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    let output = "";
    web = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
      cwd: process.cwd(),
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    web.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    web.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    await expect
      .poll(async () => (await fetch(`${baseURL}/api/health`).catch(() => undefined))?.status, { timeout: 60_000 })
      .toBe(200);

    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const email = newEmail("dbdown");
    const password = `pw-${randomBytes(8).toString("hex")}`;
    await page.goto("/signup");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/, { timeout: 30_000 });

    await cluster.stop();

    // A page whose render needs the database.
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { name: "The database is unreachable" })).toBeVisible();
    await expect(page.getByText(DATABASE_UNAVAILABLE_MESSAGE)).toBeVisible();
    await expect(page.getByText(/ECONNREFUSED|\bat .+\.js|node_modules/)).toHaveCount(0);

    // The sign-in form, in a browser with no session.
    const other = await browser.newContext({ baseURL });
    const signIn = await other.newPage();
    await signIn.goto("/signin");
    await signIn.getByLabel("Email").fill(email);
    await signIn.getByLabel("Password").fill(password);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await expect(signIn.getByText(DATABASE_UNAVAILABLE_MESSAGE)).toBeVisible();
    await other.close();

    // Ingestion: a token-shaped bearer must be looked up, so the answer is the database's.
    const response = await fetch(`${baseURL}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer dh_${"a".repeat(32)}`, "content-type": "application/json" },
      body: JSON.stringify({ event: "document.signed", payload: {} }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("database_unavailable");

    // Back up: the same server, no restart.
    await cluster.start();
    await expect(async () => {
      await page.goto("/settings/webhooks");
      await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    expect(web.exitCode).toBeNull();
    expect(output).not.toMatch(/uncaughtException|unhandledRejection/);
    await context.close();
  } finally {
    if (web?.pid && web.exitCode === null) process.kill(-web.pid, "SIGKILL");
    await cluster?.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
