import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { closeDb } from "@/db";
import { signUp } from "@/lib/auth/sign-up";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { ZCreateWebhookSchema } from "@/lib/validation/webhook";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { insertDeliveryHistory } from "../tests/helpers/delivery-history";
import { type Receiver, type Reply, startReceiver } from "../tests/helpers/receiver";

// The one place e2e tests get their people and rows from. Users, webhooks and API tokens are
// seeded straight into the project's e2e database with the product's own functions, and a
// user signs in by posting next-auth's credentials form from the browser context (so the
// browser holds the session cookie): tests then spend their time on what they are about.
// Signing up, creating a webhook and creating a token through the UI stay in the tests that
// are about them. Every test gets users of its own, so tests run in parallel on one database.

export type E2EOptions = {
  /** The database and data directory of this project's server (set per project in playwright.config.ts). */
  e2eDatabase: { url: string; dataDir: string };
};

export type TestUser = { id: string; email: string; password: string };

export const TEST_PASSWORD = "correct horse battery staple";

export function newEmail(prefix = "user"): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** A user in the e2e database, as if they had signed up; not signed in anywhere yet. */
export async function seedUser(prefix = "user"): Promise<TestUser> {
  const email = newEmail(prefix);
  const result = await signUp({ email, password: TEST_PASSWORD });
  if (!result.ok) throw new Error(`seedUser: ${result.code}`);
  return { id: result.user.id, email, password: TEST_PASSWORD };
}

export type SeedWebhookOptions = {
  url: string;
  /** Dotted names, as the dialog lists them. */
  events: string[];
  secret?: string;
  enabled?: boolean;
};

/** A webhook of `user`, as the Create Webhook dialog would have saved it; returns its id and detail page path. */
export async function seedWebhook(user: TestUser, options: SeedWebhookOptions) {
  const input = ZCreateWebhookSchema.parse({ enabled: true, ...options });
  const created = await createWebhook(user.id, input);
  if (!created.ok) throw new Error(`seedWebhook: ${created.code}`);
  return { id: created.webhook.id, url: options.url, detailPath: `/settings/webhooks/${created.webhook.id}` };
}

/** An API token of `user`, as the tokens page would have made it; returns the token itself. */
export async function seedApiToken(user: TestUser, name = "e2e"): Promise<string> {
  const created = await createApiToken(user.id, { name });
  if (!created.ok) throw new Error(`seedApiToken: ${created.code}`);
  return created.token.token;
}

/** A week of finished deliveries of one of `user`'s webhooks (tests/helpers/delivery-history.ts). */
export async function seedDeliveryHistory(user: TestUser, webhookId: string, now = Date.now()) {
  return insertDeliveryHistory(user.id, webhookId, now);
}

/** Signs `user` in on this browser context through next-auth's credentials endpoint, as the sign-in form does. */
export async function apiSignIn(context: BrowserContext, user: TestUser) {
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, json: "true" },
  });
  expect(response.ok(), `sign-in of ${user.email}: HTTP ${response.status()}`).toBe(true);
  const cookies = await context.cookies();
  expect(cookies.map((cookie) => cookie.name)).toContain("next-auth.session-token");
}

/** Another person: a browser context of their own (own cookies), seeded and signed in. */
export async function newSignedInPage(browser: Browser, prefix = "other") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = await seedUser(prefix);
  await apiSignIn(context, user);
  return { context, page, user };
}

export async function signUpThroughUi(page: Page, user: { email: string; password: string }) {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Generous: sign-up hashes a password (scrypt) and the machine may be busy.
  await expect(page).toHaveURL(/\/settings\/webhooks$/, { timeout: 30_000 });
}

/** Fills and submits the sign-in form; `navigate: false` uses the sign-in page already open. */
export async function signInThroughUi(page: Page, user: { email: string; password: string }, { navigate = true } = {}) {
  if (navigate) await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** No serious or critical axe violation on what `page` shows now; `what` names it in a failure. */
export async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  expect(serious, `${what}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

/** The page does not scroll sideways (the phone layouts); a failure names the elements that stick out. */
export async function expectNoPageScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // The deepest elements reaching past the window's right edge, to name the culprit.
    widest: [...document.body.querySelectorAll("*")]
      .filter((node) => node.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter((node) => ![...node.children].some((child) => child.getBoundingClientRect().right > window.innerWidth + 0.5))
      .slice(0, 5)
      .map((node) => `${node.tagName.toLowerCase()}.${[...node.classList].join(".")} "${node.textContent?.slice(0, 40)}"`),
  }));
  expect(
    scrollWidth,
    `${what}: page is ${scrollWidth}px wide in a ${innerWidth}px window: ${widest.join(" | ")}`,
  ).toBeLessThanOrEqual(innerWidth);
}

/** What the e2e receiver answers: `status` with a small JSON body a person can recognise in the log. */
/** Sends a test event from the detail page's Test dialog and waits for its outcome. */
export async function sendTest(page: Page, event: string) {
  await page.getByRole("button", { name: "Test", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Send a test event" });
  await dialog.getByLabel("Event").selectOption(event);
  await dialog.getByRole("button", { name: /Send/ }).click();
  const outcome = dialog.getByRole("status", { name: "Test outcome" });
  await expect(outcome).toBeVisible();
  return { dialog, outcome };
}

export function answering(status: number): () => Reply {
  const body = JSON.stringify({ received: true, status });
  return () => ({ status, headers: { "content-type": "application/json" }, body });
}

type TestFixtures = {
  /** A fresh account, signed in on `page` (still on about:blank: each test opens its first page). */
  user: TestUser;
};

type WorkerFixtures = E2EOptions & { seedingDatabase: undefined };

/** Tests of a signed-out visitor: no user, nothing seeded. */
export const signedOutTest = base.extend<{ receiver: Receiver }, WorkerFixtures>({
  e2eDatabase: [
    { url: "./data/e2e.db", dataDir: "./data/e2e" },
    { option: true, scope: "worker" },
  ],
  // Seeding opens this project's database in the worker process, with the server's data
  // directory (so encrypted secrets use the server's key).
  seedingDatabase: [
    async ({ e2eDatabase }, use) => {
      process.env.DATABASE_URL = e2eDatabase.url;
      process.env.DATA_DIR = e2eDatabase.dataDir;
      // Webhooks on 127.0.0.1, as the server accepts them in e2e (playwright.config.ts).
      process.env.WEBHOOK_ALLOW_PRIVATE = "1";
      await use(undefined);
      await closeDb();
    },
    { scope: "worker", auto: true },
  ],
  // A real webhook receiver on 127.0.0.1 answering 200 (see `answering`), closed after the test.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; it has none.
  receiver: async ({}, use) => {
    const receiver = await startReceiver();
    receiver.reply = answering(200);
    await use(receiver);
    await receiver.close();
  },
});

/** Every test using this `test` starts as a fresh account, signed in on `page`. */
export const test = signedOutTest.extend<TestFixtures>({
  user: [
    async ({ context }, use) => {
      const user = await seedUser();
      await apiSignIn(context, user);
      await use(user);
    },
    { auto: true },
  ],
});

export { expect };
