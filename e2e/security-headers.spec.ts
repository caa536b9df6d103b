import type { APIResponse, ConsoleMessage, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// Every page, JSON route and 404 carries the security headers, pages a CSP whose nonce is on
// every script Next sends; and the app works under that CSP: the browser reports no
// violation on any main page while a person uses it.

test.describe.configure({ timeout: 120_000 });

function expectSecurityHeaders(response: APIResponse, kind: "page" | "api") {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, response.url()).toContain("frame-ancestors 'none'");
  if (kind === "page") {
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toMatch(/style-src 'self' 'nonce-[^']+';/);
    // Style attributes may be inline; scripts and <style> elements never.
    expect(csp.replace("style-src-attr 'unsafe-inline'", "")).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
  } else {
    expect(csp).toContain("default-src 'none'");
  }
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Served over plain http here, and no proxy is trusted: no HSTS even if a client claims https.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

function nonceOf(response: APIResponse): string {
  return /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1] ?? "";
}

test("pages, JSON routes and 404s carry the security headers", { tag: DB_INDEPENDENT }, async ({ page }) => {
  const request = page.request;
  const signIn = await request.get("/signin");
  expect(signIn.status()).toBe(200);
  expectSecurityHeaders(signIn, "page");
  // Every script tag Next rendered carries this response's nonce, and the nonce is new each time.
  const html = await signIn.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(signIn)}"`);
  expect(nonceOf(await request.get("/signin"))).not.toBe(nonceOf(signIn));

  const list = await request.get("/settings/webhooks");
  expect(list.status()).toBe(200);
  expectSecurityHeaders(list, "page");

  const notFoundPage = await request.get("/no-such-page");
  expect(notFoundPage.status()).toBe(404);
  expectSecurityHeaders(notFoundPage, "page");

  const api = await request.get("/api/webhooks");
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api, "api");

  const apiNotFound = await request.get("/api/no-such-route");
  expect(apiNotFound.status()).toBe(404);
  expectSecurityHeaders(apiNotFound, "api");

  // The ingestion route, which the proxy leaves alone, sets them itself.
  const ingest = await request.post("/api/v1/events", { data: {}, headers: { authorization: "Bearer dh_nope" } });
  expect(ingest.status()).toBe(401);
  expectSecurityHeaders(ingest, "api");

  const spoofed = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
  expect(spoofed.headers()["strict-transport-security"]).toBeUndefined();
});

/** Collects what the browser reports about CSP on this page: console errors and violation events. */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.text().includes("Content Security Policy")) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sample})`);
    });
  });
  return violations;
}

test("the main pages work under the CSP and the browser reports no violation", { tag: DB_INDEPENDENT }, async ({
  page,
  receiver,
}) => {
  const violations = await watchCspViolations(page);
  const url = `${receiver.url}/csp`;

  // The Webhooks tab: the list, the create dialog with its field errors, a created webhook.
  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Create Webhook" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog.getByText("Enter a webhook URL")).toBeVisible();
  await dialog.getByLabel("Webhook URL").fill(url);
  await dialog.getByRole("checkbox", { name: "document.signed", exact: true }).check();
  await dialog.getByRole("button", { name: "Generate" }).click();
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog).toBeHidden();

  // The detail page: the secret revealed by a server action.
  await page.getByRole("link", { name: url, exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks\/wh_/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.locator("#current-secret")).toHaveValue(/^whsec_/);

  for (const path of ["/settings/tokens", "/settings/webhooks/guide", "/no-such-page"]) {
    await page.goto(path);
    await expect(page.locator("body")).not.toBeEmpty();
  }

  // Sign out and the sign-in page: next-auth's own requests under the CSP.
  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Incorrect email or password")).toBeVisible();

  expect(violations).toEqual([]);
});
