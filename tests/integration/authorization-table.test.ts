import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_ENDED_MESSAGE, type SessionUser } from "@/lib/auth/session";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { getWebhookDetail } from "@/lib/webhooks/get-webhook-detail";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { fixtureId, insertDeliveries } from "../helpers/deliveries";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

// Authorization is complete by construction: every page, JSON route (per exported method) and
// server action found in the tree must have a row below saying what its owner, another user and
// a signed-out visitor get, and the routes and actions are called for real as each of the three.
// A new route or action without a row fails the first test.

const root = path.resolve(import.meta.dirname, "../..");

type Who = "owner" | "other" | "signedOut";
/**
 * ok: it works (for `other`, on their own data only: the answer holds none of the owner's ids).
 * notFound: 404 / "not found", the same as for an id that exists nowhere. unauthorized: 401 /
 * the session has ended. public: anyone gets the same answer.
 */
type Outcome = "ok" | "notFound" | "unauthorized" | "public";
type Fixture = Awaited<ReturnType<typeof setup>>;
type Row = Record<Who, Outcome> & { call?: (who: Who, fixture: Fixture) => Promise<Answer> };
type Answer = { status?: number; result?: { ok: boolean; message?: string }; text: string };

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) walk(rel, out);
    else out.push(rel);
  }
  return out;
}

/** "page /settings/webhooks/[id]", "GET /api/webhooks", "action createWebhookAction". */
function discover(): string[] {
  const keys: string[] = [];
  const urlOf = (file: string) =>
    `/${path.posix.dirname(file).replace(/^app\/?/, "")}`.replace(/\/\([^)]+\)/g, "").replace(/\/$/, "") || "/";
  for (const file of walk("app")) {
    if (file.endsWith("/page.tsx")) keys.push(`page ${urlOf(file)}`);
    if (file.endsWith("/route.ts")) {
      const source = fs.readFileSync(path.join(root, file), "utf8");
      const methods = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g;
      // `export const GET = …`, `export async function GET`, and `export { x as GET, … }`.
      const declared = [...source.matchAll(/export (?:const|async function|function) (\w+)/g)].map((m) => m[1]);
      const listed = [...source.matchAll(/export \{([^}]*)\}/g)].flatMap((m) => [...m[1].matchAll(methods)].map((n) => n[1]));
      for (const method of [...declared, ...listed].filter((name) => name.match(methods))) keys.push(`${method} ${urlOf(file)}`);
    }
  }
  for (const file of walk("lib/actions")) {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    for (const match of source.matchAll(/export const (\w+) = (?:authenticatedAction|publicAction)\b/g)) {
      keys.push(`action ${match[1]}`);
    }
  }
  return keys.sort();
}

// The owner's webhook points at a real receiver and a real worker delivers, so a test send
// (which waits for its result) is answered at once.
let receiver: Receiver;
let worker: DeliveryWorker;
beforeAll(async () => {
  receiver = await startReceiver();
  worker = startDeliveryWorker({ pollIntervalMs: 50 });
});
afterAll(async () => {
  await worker.stop();
  await receiver.close();
});

async function setup() {
  const owner = await createTestUser();
  const other = await createTestUser();
  const webhook = await createTestWebhook(owner.id, {
    url: `${receiver.url}/authz`,
    events: ["document.signed"],
    secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
  });
  const tag = Math.random().toString(36).slice(2, 8);
  const deliveryId = fixtureId("msg", 1, tag);
  await insertDeliveries(owner.id, webhook.id, [
    { id: deliveryId, eventId: fixtureId("evt", 1, tag), type: "DOCUMENT_SIGNED", status: "failed", createdAt: Date.now() },
  ]);
  const token = async (userId: string) => {
    const result = await createApiToken(userId, { name: "authz", scope: "write" });
    if (!result.ok) throw new Error(result.message);
    return result.token;
  };
  const ownerToken = await token(owner.id);
  const otherToken = await token(other.id);
  const users: Record<Who, SessionUser | null> = { owner, other, signedOut: null };
  const bearer: Record<Who, string | null> = { owner: ownerToken.token, other: otherToken.token, signedOut: null };
  return { owner, other, webhook, deliveryId, ownerToken, users, bearer };
}

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
type SessionHandler = { withUser: (user: SessionUser | null) => Handler };

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, text: await response.text() };
}

/** A session route, called as Next calls it with the session injected. */
function sessionRoute(load: () => Promise<Record<string, unknown>>, method: string, url: (f: Fixture) => string) {
  return async (who: Who, f: Fixture) => {
    const handler = (await load())[method] as SessionHandler;
    const id = url(f).match(/\/(?:webhooks|deliveries)\/([^/]+)/)?.[1];
    const request = new Request(`http://localhost${url(f)}`, { method });
    return answer(await handler.withUser(f.users[who])(request, { params: Promise.resolve({ id }) as Promise<never> }));
  };
}

/** A /api/v1 route, called with the user's API token (none when signed out). */
function tokenRoute(load: () => Promise<Record<string, unknown>>, method: string, url: (f: Fixture) => string, body?: unknown) {
  return async (who: Who, f: Fixture) => {
    const handler = (await load())[method] as Handler;
    const id = url(f).match(/\/(?:webhooks|deliveries)\/([^/]+)/)?.[1];
    const headers: Record<string, string> = {};
    if (f.bearer[who]) headers.authorization = `Bearer ${f.bearer[who]}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const request = new Request(`http://localhost${url(f)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return answer(await handler(request, { params: Promise.resolve({ id }) as Promise<never> }));
  };
}

type ActionModule = Record<string, { withUser: (user: SessionUser | null) => (input: unknown) => Promise<unknown> }>;

function action(load: () => Promise<ActionModule>, name: string, input: (f: Fixture) => unknown) {
  return async (who: Who, f: Fixture) => {
    const result = (await (await load())[name].withUser(f.users[who])(input(f))) as Answer["result"];
    return { result, text: JSON.stringify(result) };
  };
}

const webhookFields = { url: "https://example.com/authz", events: ["document.sent"], secret: "", enabled: true };
const v1Webhook = { url: "https://example.com/authz-v1", events: ["document.signed"] };
const owned = { owner: "ok", other: "notFound", signedOut: "unauthorized" } as const;
const own = { owner: "ok", other: "ok", signedOut: "unauthorized" } as const;
const anyone = { owner: "public", other: "public", signedOut: "public" } as const;
const signedInPage = { owner: "ok", other: "ok", signedOut: "unauthorized" } as const;

const webhookUrl = (f: Fixture) => `/api/webhooks/${f.webhook.id}`;
const v1WebhookUrl = (f: Fixture) => `/api/v1/webhooks/${f.webhook.id}`;
const v1DeliveryUrl = (f: Fixture) => `/api/v1/deliveries/${f.deliveryId}`;
const v1 = {
  webhooks: () => import("@/app/api/v1/webhooks/route"),
  webhook: () => import("@/app/api/v1/webhooks/[id]/route"),
  delivery: () => import("@/app/api/v1/deliveries/[id]/route"),
};

const TABLE: Record<string, Row> = {
  // Pages: the (app) layout's requireUser() sends a signed-out visitor to /signin (e2e covers
  // the redirect); the one page about an owned object loads it through its owner-scoped loader.
  "page /": anyone,
  "page /signin": anyone,
  "page /signup": anyone,
  "page /settings": signedInPage,
  "page /settings/tokens": signedInPage,
  "page /settings/tokens/api-reference": signedInPage,
  "page /settings/webhooks": signedInPage,
  "page /settings/webhooks/guide": signedInPage,
  "page /settings/webhooks/guide/documenso": signedInPage,
  "page /settings/webhooks/[id]": {
    ...owned,
    call: async (who, f) => {
      const user = f.users[who];
      if (!user) return { result: { ok: false, message: SESSION_ENDED_MESSAGE }, text: "" };
      const detail = await getWebhookDetail(user.id, f.webhook.id);
      return { status: detail ? 200 : 404, text: JSON.stringify(detail ?? null) };
    },
  },

  // next-auth's own endpoints: sign-in and session reads, open to anyone by design.
  "GET /api/auth/[...nextauth]": anyone,
  "POST /api/auth/[...nextauth]": anyone,
  "GET /api/health": anyone,
  "GET /api/v1/openapi.json": {
    ...anyone,
    call: async () => answer(await (await import("@/app/api/v1/openapi.json/route")).GET()),
  },

  "GET /api/webhooks": {
    ...own,
    call: sessionRoute(
      () => import("@/app/api/webhooks/route"),
      "GET",
      () => "/api/webhooks",
    ),
  },
  "GET /api/webhooks/[id]": { ...owned, call: sessionRoute(() => import("@/app/api/webhooks/[id]/route"), "GET", webhookUrl) },
  "GET /api/webhooks/[id]/deliveries": {
    ...owned,
    call: sessionRoute(
      () => import("@/app/api/webhooks/[id]/deliveries/route"),
      "GET",
      (f) => `${webhookUrl(f)}/deliveries`,
    ),
  },
  "GET /api/webhooks/[id]/health": {
    ...owned,
    call: sessionRoute(
      () => import("@/app/api/webhooks/[id]/health/route"),
      "GET",
      (f) => `${webhookUrl(f)}/health`,
    ),
  },
  "GET /api/webhooks/[id]/stats": {
    ...owned,
    call: sessionRoute(
      () => import("@/app/api/webhooks/[id]/stats/route"),
      "GET",
      (f) => `${webhookUrl(f)}/stats?range=7d`,
    ),
  },
  "GET /api/deliveries/[id]": {
    ...owned,
    call: sessionRoute(
      () => import("@/app/api/deliveries/[id]/route"),
      "GET",
      (f) => `/api/deliveries/${f.deliveryId}`,
    ),
  },
  "GET /api/tokens": {
    ...own,
    call: sessionRoute(
      () => import("@/app/api/tokens/route"),
      "GET",
      () => "/api/tokens",
    ),
  },

  "POST /api/v1/events": {
    ...own,
    call: tokenRoute(
      () => import("@/app/api/v1/events/route"),
      "POST",
      () => "/api/v1/events",
      {
        event: "document.signed",
        payload: getSamplePayload("DOCUMENT_SIGNED"),
      },
    ),
  },
  // The other methods answer 405 to anyone, token or not: there is nothing behind them.
  "GET /api/v1/events": anyone,
  "PUT /api/v1/events": anyone,
  "PATCH /api/v1/events": anyone,
  "DELETE /api/v1/events": anyone,
  "GET /api/v1/webhooks": { ...own, call: tokenRoute(v1.webhooks, "GET", () => "/api/v1/webhooks") },
  "POST /api/v1/webhooks": { ...own, call: tokenRoute(v1.webhooks, "POST", () => "/api/v1/webhooks", v1Webhook) },
  "GET /api/v1/webhooks/[id]": { ...owned, call: tokenRoute(v1.webhook, "GET", v1WebhookUrl) },
  "PATCH /api/v1/webhooks/[id]": { ...owned, call: tokenRoute(v1.webhook, "PATCH", v1WebhookUrl, { enabled: false }) },
  "DELETE /api/v1/webhooks/[id]": { ...owned, call: tokenRoute(v1.webhook, "DELETE", v1WebhookUrl) },
  "GET /api/v1/webhooks/[id]/deliveries": {
    ...owned,
    call: tokenRoute(
      () => import("@/app/api/v1/webhooks/[id]/deliveries/route"),
      "GET",
      (f) => `${v1WebhookUrl(f)}/deliveries`,
    ),
  },
  "POST /api/v1/webhooks/[id]/recover": {
    ...owned,
    call: tokenRoute(
      () => import("@/app/api/v1/webhooks/[id]/recover/route"),
      "POST",
      (f) => `${v1WebhookUrl(f)}/recover`,
      {
        since: 0,
      },
    ),
  },
  "POST /api/v1/webhooks/[id]/rotate-secret": {
    ...owned,
    call: tokenRoute(
      () => import("@/app/api/v1/webhooks/[id]/rotate-secret/route"),
      "POST",
      (f) => `${v1WebhookUrl(f)}/rotate-secret`,
    ),
  },
  "POST /api/v1/webhooks/[id]/test": {
    ...owned,
    call: tokenRoute(
      () => import("@/app/api/v1/webhooks/[id]/test/route"),
      "POST",
      (f) => `${v1WebhookUrl(f)}/test`,
      {
        event: "document.signed",
      },
    ),
  },
  "GET /api/v1/deliveries/[id]": { ...owned, call: tokenRoute(v1.delivery, "GET", v1DeliveryUrl) },
  "POST /api/v1/deliveries/[id]/resend": {
    ...owned,
    call: tokenRoute(
      () => import("@/app/api/v1/deliveries/[id]/resend/route"),
      "POST",
      (f) => `${v1DeliveryUrl(f)}/resend`,
    ),
  },

  // Sign-up is for visitors; tests/integration/sign-up-action.test.ts covers it.
  "action signUpAction": anyone,
  // Ends the caller's own sessions: another user can only end theirs.
  "action signOutEverywhereAction": {
    ...own,
    call: action(
      () => import("@/lib/actions/auth/sign-out-everywhere"),
      "signOutEverywhereAction",
      () => ({}),
    ),
  },
  "action createWebhookAction": {
    ...own,
    call: action(
      () => import("@/lib/actions/webhooks/create-webhook"),
      "createWebhookAction",
      () => webhookFields,
    ),
  },
  "action updateWebhookAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/webhooks/update-webhook"),
      "updateWebhookAction",
      (f) => ({
        ...webhookFields,
        id: f.webhook.id,
      }),
    ),
  },
  "action deleteWebhookAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/webhooks/delete-webhook"),
      "deleteWebhookAction",
      (f) => ({ id: f.webhook.id }),
    ),
  },
  "action setWebhookEnabledAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/webhooks/set-webhook-enabled"),
      "setWebhookEnabledAction",
      (f) => ({
        id: f.webhook.id,
        enabled: false,
      }),
    ),
  },
  "action revealWebhookSecretAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/webhooks/reveal-webhook-secret"),
      "revealWebhookSecretAction",
      (f) => ({
        id: f.webhook.id,
      }),
    ),
  },
  "action rotateWebhookSecretAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/webhooks/rotate-webhook-secret"),
      "rotateWebhookSecretAction",
      (f) => ({
        webhookId: f.webhook.id,
      }),
    ),
  },
  "action sendTestEventAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/webhooks/send-test-event"),
      "sendTestEventAction",
      (f) => ({
        webhookId: f.webhook.id,
        event: "document.signed",
      }),
    ),
  },
  "action resendDeliveryAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/deliveries/resend-delivery"),
      "resendDeliveryAction",
      (f) => ({
        deliveryId: f.deliveryId,
      }),
    ),
  },
  "action countRecoverableAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/deliveries/recover-deliveries"),
      "countRecoverableAction",
      (f) => ({
        webhookId: f.webhook.id,
        since: 0,
      }),
    ),
  },
  "action recoverDeliveriesAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/deliveries/recover-deliveries"),
      "recoverDeliveriesAction",
      (f) => ({
        webhookId: f.webhook.id,
        since: 0,
      }),
    ),
  },
  "action copyAsCurlAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/deliveries/copy-as-curl"),
      "copyAsCurlAction",
      (f) => ({ deliveryId: f.deliveryId }),
    ),
  },
  "action createApiTokenAction": {
    ...own,
    call: action(
      () => import("@/lib/actions/tokens/create-api-token"),
      "createApiTokenAction",
      () => ({ name: "authz-new" }),
    ),
  },
  "action revokeApiTokenAction": {
    ...owned,
    call: action(
      () => import("@/lib/actions/tokens/revoke-api-token"),
      "revokeApiTokenAction",
      (f) => ({ id: f.ownerToken.id }),
    ),
  },
};

function outcomeOf(got: Answer): Outcome | "error" {
  if (got.result) {
    if (got.result.ok) return "ok";
    if (got.result.message === SESSION_ENDED_MESSAGE) return "unauthorized";
    return /not found/i.test(got.result.message ?? "") ? "notFound" : "error";
  }
  const status = got.status ?? 0;
  if (status === 401) return "unauthorized";
  if (status === 404) return "notFound";
  return status >= 200 && status < 300 ? "ok" : "error";
}

describe(`authorization table (${testDialect})`, () => {
  it("has a row for every page, JSON route method and server action in the tree, and no stale row", () => {
    const found = discover();
    expect(
      found.filter((key) => !(key in TABLE)),
      "add a row to TABLE for each",
    ).toEqual([]);
    expect(
      Object.keys(TABLE).filter((key) => !found.includes(key)),
      "rows for things that no longer exist",
    ).toEqual([]);
  });

  for (const [key, row] of Object.entries(TABLE)) {
    if (!row.call) continue;
    const call = row.call;
    it(`${key}: owner ${row.owner}, another user ${row.other}, signed out ${row.signedOut}`, async () => {
      for (const who of ["signedOut", "other", "owner"] as const) {
        // A fresh owner, webhook and delivery for each caller: a write by one must not decide the next.
        const fixture = await setup();
        const got = await call(who, fixture);
        const expected = row[who];
        if (expected === "public") {
          expect(got.status ?? 200, `${key} as ${who}: ${got.text.slice(0, 200)}`).toBeLessThan(500);
          continue;
        }
        expect(outcomeOf(got), `${key} as ${who}: ${got.text.slice(0, 300)}`).toBe(expected);
        if (who !== "owner") {
          for (const ownerId of [fixture.webhook.id, fixture.deliveryId, fixture.ownerToken.id, fixture.owner.email]) {
            expect(got.text, `${key} as ${who} shows nothing of the owner's`).not.toContain(ownerId);
          }
        }
      }
    });
  }
});
