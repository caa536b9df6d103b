import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { POST as rotateSecret } from "@/app/api/v1/webhooks/[id]/rotate-secret/route";
import * as webhookRoute from "@/app/api/v1/webhooks/[id]/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import { getDb } from "@/db";
import { openApiDocument } from "@/lib/api-v1/openapi-document";
import { decryptSecret } from "@/lib/crypto/encryption";
import { revealWebhookSecret } from "@/lib/webhooks/reveal-webhook-secret";
import { type ApiCall, callApi, expectDocumented, newApiToken } from "../helpers/api-v1";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

// The webhook half of the REST API, route by route, through the real handlers and database.
// Every answer is checked against the OpenAPI document by callApi.

const LIST = { path: "/api/v1/webhooks", method: "GET", handler: webhooksRoute.GET } as const;
const CREATE = { path: "/api/v1/webhooks", method: "POST", handler: webhooksRoute.POST } as const;
const GET_ONE = { path: "/api/v1/webhooks/{id}", method: "GET", handler: webhookRoute.GET } as const;
const PATCH = { path: "/api/v1/webhooks/{id}", method: "PATCH", handler: webhookRoute.PATCH } as const;
const DELETE = { path: "/api/v1/webhooks/{id}", method: "DELETE", handler: webhookRoute.DELETE } as const;
const ROTATE = { path: "/api/v1/webhooks/{id}/rotate-secret", method: "POST", handler: rotateSecret } as const;

type Body = Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } };

async function call(call: ApiCall) {
  const answer = await callApi(call);
  return { ...answer, body: answer.body as Body };
}

async function setup() {
  const owner = await createTestUser();
  const stranger = await createTestUser();
  return {
    owner,
    stranger,
    write: await newApiToken(owner.id, "write"),
    read: await newApiToken(owner.id, "read"),
    strangerToken: await newApiToken(stranger.id, "write"),
  };
}

const valid = { url: "https://example.com/hooks/api", events: ["document.signed", "DOCUMENT_SENT"] };

async function webhookCount(userId: string) {
  const rows = await getDb().selectFrom("webhooks").select("id").where("user_id", "=", userId).execute();
  return rows.length;
}

describe(`REST API v1: the OpenAPI document (${testDialect})`, () => {
  it("is a valid OpenAPI 3.1 document, served at /api/v1/openapi.json", async () => {
    const response = getOpenApi();
    expect(response.status).toBe(200);
    const served = await response.json();
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    const result = await new Validator().validate(served);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(served.openapi).toBe("3.1.0");
    // The check every answer in these tests passes through does catch what the document doesn't say.
    const headers = new Headers();
    expect(() => expectDocumented("/api/v1/webhooks/{id}", "GET", { status: 200, headers, body: { id: 1 } })).toThrow();
    expect(() => expectDocumented("/api/v1/webhooks/{id}", "GET", { status: 418, headers, body: null })).toThrow();
    expect(Object.keys(served.paths).sort()).toEqual([
      "/api/v1/deliveries/{id}",
      "/api/v1/deliveries/{id}/resend",
      "/api/v1/events",
      "/api/v1/webhooks",
      "/api/v1/webhooks/{id}",
      "/api/v1/webhooks/{id}/deliveries",
      "/api/v1/webhooks/{id}/recover",
      "/api/v1/webhooks/{id}/rotate-secret",
      "/api/v1/webhooks/{id}/test",
    ]);
  });
});

describe(`REST API v1: webhooks (${testDialect})`, () => {
  it("creates a webhook with a generated secret, shown in this answer only", async () => {
    const { owner, write } = await setup();
    const created = await call({ ...CREATE, token: write, body: valid });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^wh_/),
      url: valid.url,
      events: ["document.signed", "document.sent"],
      enabled: true,
      hasSecret: true,
      secret: expect.stringMatching(/^whsec_/),
    });
    const id = created.body.id as string;
    expect((await revealWebhookSecret(owner.id, id))?.secret).toBe(created.body.secret);

    const read = await call({ ...GET_ONE, token: write, params: { id } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, hasSecret: true });
    expect(read.body).not.toHaveProperty("secret");
    expect(JSON.stringify(read.body)).not.toContain(created.body.secret as string);
  });

  it("takes the caller's secret without echoing it, and secret: null for none", async () => {
    const { owner, write } = await setup();
    const own = await call({ ...CREATE, token: write, body: { ...valid, secret: "my-own-secret" } });
    expect(own.status).toBe(201);
    expect(own.body).not.toHaveProperty("secret");
    expect((await revealWebhookSecret(owner.id, own.body.id as string))?.secret).toBe("my-own-secret");

    const none = await call({ ...CREATE, token: write, body: { ...valid, secret: null } });
    expect(none.status).toBe(201);
    expect(none.body).toMatchObject({ hasSecret: false });
    expect(none.body).not.toHaveProperty("secret");
  });

  it("carries the Documenso options and custom headers, whose values are write-only", async () => {
    const { owner, write } = await setup();
    const created = await call({
      ...CREATE,
      token: write,
      body: {
        ...valid,
        sendSecretHeader: true,
        includeRecipientTokens: true,
        customHeaders: [{ name: "X-Api-Key", value: "header-secret-value" }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      sendSecretHeader: true,
      includeRecipientTokens: true,
      customHeaderNames: ["X-Api-Key"],
    });
    expect(JSON.stringify(created.body)).not.toContain("header-secret-value");
    const row = await getDb()
      .selectFrom("webhooks")
      .select("custom_headers")
      .where("user_id", "=", owner.id)
      .executeTakeFirstOrThrow();
    const [stored] = JSON.parse(row.custom_headers ?? "[]") as { name: string; value: string }[];
    expect(decryptSecret(stored.value)).toBe("header-secret-value");
  });

  it("answers bad input with 400 and a message per field path, and creates nothing", async () => {
    const { owner, write } = await setup();
    const bad = await call({
      ...CREATE,
      token: write,
      body: {
        url: "ftp://example.com",
        events: ["document.exploded"],
        customHeaders: [{ name: "Content-Type", value: "text/plain" }],
        colour: "blue",
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("url"),
      fields: {
        url: "The URL must start with http:// or https://",
        events: "Unknown event: document.exploded",
        "customHeaders.0.name": "Content-Type is set by Docuhooks and can't be replaced",
        colour: "Unknown field",
      },
    });

    const noValue = await call({ ...CREATE, token: write, body: { ...valid, customHeaders: [{ name: "X-Ok" }] } });
    expect(noValue.body.error?.fields).toEqual({ "customHeaders.0.value": "Enter a value for X-Ok" });

    const missing = await call({ ...CREATE, token: write, body: {} });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.error?.fields ?? {}).sort()).toEqual(["events", "url"]);

    const notAnObject = await call({ ...CREATE, token: write, body: [1, 2] });
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.error?.fields).toHaveProperty("body");

    const malformed = await call({ ...CREATE, token: write, body: "{ not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.code).toBe("malformed_json");

    const form = await call({ ...CREATE, token: write, body: "url=x", headers: { "content-type": "text/plain" } });
    expect(form.status).toBe(415);

    const huge = await call({ ...CREATE, token: write, body: { ...valid, padding: "x".repeat(70_000) } });
    expect(huge.status).toBe(413);
    expect(await webhookCount(owner.id)).toBe(0);
  });

  it("replays an Idempotency-Key: the same webhook and secret, once in the database", async () => {
    const { owner, write, stranger, strangerToken } = await setup();
    const headers = { "idempotency-key": "create-crm-hook-1" };
    const first = await call({ ...CREATE, token: write, body: valid, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const again = await call({ ...CREATE, token: write, body: valid, headers });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await webhookCount(owner.id)).toBe(1);

    const reused = await call({ ...CREATE, token: write, body: { ...valid, url: "https://example.com/other" }, headers });
    expect(reused.status).toBe(409);
    expect(reused.body.error?.code).toBe("idempotency_key_reused");
    expect(await webhookCount(owner.id)).toBe(1);

    // Keys are per user.
    const theirs = await call({ ...CREATE, token: strangerToken, body: valid, headers });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    expect(await webhookCount(stranger.id)).toBe(1);
  });

  it("creates one webhook when requests with one Idempotency-Key race", async () => {
    const { owner, write } = await setup();
    const headers = { "idempotency-key": "race-1" };
    const answers = await Promise.all(Array.from({ length: 6 }, () => call({ ...CREATE, token: write, body: valid, headers })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await webhookCount(owner.id)).toBe(1);
  });

  it("frees an Idempotency-Key after 24 hours, and refuses a malformed one", async () => {
    const { owner, write } = await setup();
    const headers = { "idempotency-key": "old-key" };
    const first = await call({ ...CREATE, token: write, body: valid, headers });
    await getDb()
      .updateTable("webhook_idempotency_keys")
      .set({ created_at: Date.now() - 25 * 60 * 60 * 1000 })
      .where("user_id", "=", owner.id)
      .execute();
    const later = await call({ ...CREATE, token: write, body: valid, headers });
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);

    const bad = await call({ ...CREATE, token: write, body: valid, headers: { "idempotency-key": "a\u0001b" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields).toEqual({
      "Idempotency-Key": "The idempotency key must not contain control characters",
    });
    expect(await webhookCount(owner.id)).toBe(2);
  });

  it("lists only the owner's webhooks, newest first, a page at a time", async () => {
    const { owner, stranger, read } = await setup();
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.unshift((await createTestWebhook(owner.id, { url: `https://example.com/${n}`, events: ["document.sent"] })).id);
      // Newest first is by creation time: one millisecond apart at least.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await createTestWebhook(stranger.id, { url: "https://example.com/theirs", events: ["document.sent"] });

    const first = await call({ ...LIST, token: read, query: "?limit=2" });
    expect(first.status).toBe(200);
    expect((first.body.data as { id: string }[]).map((w) => w.id)).toEqual(ids.slice(0, 2));
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call({ ...LIST, token: read, query: `?limit=2&cursor=${first.body.nextCursor}` });
    expect((second.body.data as { id: string }[]).map((w) => w.id)).toEqual(ids.slice(2));
    expect(second.body.nextCursor).toBeNull();

    const all = await call({ ...LIST, token: read });
    expect((all.body.data as { id: string }[]).map((w) => w.id)).toEqual(ids);

    const badCursor = await call({ ...LIST, token: read, query: "?cursor=nope!&limit=500" });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error).toMatchObject({
      code: "invalid_query",
      fields: { cursor: expect.stringContaining("Invalid page cursor"), limit: "Page size must be at most 100" },
    });
  });

  it("patches only the fields given; enabled turns it off and on", async () => {
    const { owner, write } = await setup();
    const created = await call({
      ...CREATE,
      token: write,
      body: { ...valid, customHeaders: [{ name: "X-Api-Key", value: "kept-value" }] },
    });
    const id = created.body.id as string;

    const off = await call({ ...PATCH, token: write, params: { id }, body: { enabled: false } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, url: valid.url, hasSecret: true, customHeaderNames: ["X-Api-Key"] });
    expect((await revealWebhookSecret(owner.id, id))?.secret).toBe(created.body.secret);

    const changed = await call({
      ...PATCH,
      token: write,
      params: { id },
      body: { enabled: true, url: "https://EXAMPLE.com/new/../hook", events: ["document.completed"], secret: null },
    });
    expect(changed.body).toMatchObject({
      enabled: true,
      url: "https://example.com/hook",
      events: ["document.completed"],
      hasSecret: false,
      customHeaderNames: ["X-Api-Key"],
    });
    const row = await getDb().selectFrom("webhooks").select("custom_headers").where("id", "=", id).executeTakeFirstOrThrow();
    expect(decryptSecret((JSON.parse(row.custom_headers ?? "[]") as { value: string }[])[0].value)).toBe("kept-value");
  });

  it("refuses a bad patch with 400 per field path and changes nothing", async () => {
    const { owner, write } = await setup();
    const webhook = await createTestWebhook(owner.id, { url: "https://example.com/p", events: ["document.sent"] });
    const before = await getDb().selectFrom("webhooks").selectAll().where("id", "=", webhook.id).executeTakeFirstOrThrow();

    const bad = await call({
      ...PATCH,
      token: write,
      params: { id: webhook.id },
      body: { enabled: "yes", events: [], customHeaders: [{ name: "bad name", value: "v" }], id: "wh_other" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields).toEqual({
      enabled: "Enabled must be true or false",
      events: "Choose at least one event",
      "customHeaders.0.name": '"bad name" is not a header name: use letters, digits and - (no spaces or colons)',
      id: "Unknown field",
    });
    // A check across fields, judged on the webhook as it would be: it has no secret to send.
    const noSecret = await call({ ...PATCH, token: write, params: { id: webhook.id }, body: { sendSecretHeader: true } });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.error?.fields).toEqual({ sendSecretHeader: "Set a secret first: this sends it in X-Documenso-Secret" });

    expect(await getDb().selectFrom("webhooks").selectAll().where("id", "=", webhook.id).executeTakeFirstOrThrow()).toEqual(
      before,
    );
  });

  it("deletes a webhook: 204, then 404", async () => {
    const { owner, write } = await setup();
    const webhook = await createTestWebhook(owner.id, { url: "https://example.com/d", events: ["document.sent"] });
    const deleted = await call({ ...DELETE, token: write, params: { id: webhook.id } });
    expect(deleted.status).toBe(204);
    expect((await call({ ...DELETE, token: write, params: { id: webhook.id } })).status).toBe(404);
    expect((await call({ ...GET_ONE, token: write, params: { id: webhook.id } })).status).toBe(404);
  });

  it("rotates the secret: the new one in this answer, the old one signing for 24 h", async () => {
    const { owner, write } = await setup();
    const webhook = await createTestWebhook(owner.id, {
      url: "https://example.com/r",
      events: ["document.sent"],
      secret: "old-secret",
    });
    const before = Date.now();
    const rotated = await call({ ...ROTATE, token: write, params: { id: webhook.id } });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toEqual({ secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(Number) });
    expect(rotated.body.previousSecretExpiresAt as number).toBeGreaterThanOrEqual(before + 24 * 60 * 60 * 1000);
    expect((await revealWebhookSecret(owner.id, webhook.id))?.secret).toBe(rotated.body.secret);
    const read = await call({ ...GET_ONE, token: write, params: { id: webhook.id } });
    expect(read.body.previousSecretExpiresAt).toBe(rotated.body.previousSecretExpiresAt);
  });

  it("answers 404 for another user's webhook on every route, and changes nothing of theirs", async () => {
    const { stranger, write } = await setup();
    const theirs = await createTestWebhook(stranger.id, {
      url: "https://example.com/t",
      events: ["document.sent"],
      secret: "theirs",
    });
    const before = await getDb().selectFrom("webhooks").selectAll().where("id", "=", theirs.id).executeTakeFirstOrThrow();
    const params = { id: theirs.id };
    for (const route of [GET_ONE, DELETE, ROTATE]) {
      const answer = await call({ ...route, token: write, params });
      expect(answer.status, `${route.method} ${route.path}`).toBe(404);
      expect(answer.body.error).toEqual({ code: "not_found", message: "Webhook not found" });
    }
    expect((await call({ ...PATCH, token: write, params, body: { enabled: false } })).status).toBe(404);
    expect((await call({ ...GET_ONE, token: write, params: { id: "x".repeat(500) } })).status).toBe(404);
    expect(await getDb().selectFrom("webhooks").selectAll().where("id", "=", theirs.id).executeTakeFirstOrThrow()).toEqual(
      before,
    );
  });

  it("refuses every change with a read-only token (403), and reads with it", async () => {
    const { owner, read } = await setup();
    const webhook = await createTestWebhook(owner.id, { url: "https://example.com/ro", events: ["document.sent"], secret: "s" });
    const before = await getDb().selectFrom("webhooks").selectAll().where("id", "=", webhook.id).executeTakeFirstOrThrow();
    const params = { id: webhook.id };
    for (const attempt of [
      { ...CREATE, body: valid },
      { ...PATCH, params, body: { enabled: false } },
      { ...DELETE, params },
      { ...ROTATE, params },
    ]) {
      const answer = await call({ ...attempt, token: read });
      expect(answer.status, `${attempt.method} ${attempt.path}`).toBe(403);
      expect(answer.body.error?.code).toBe("forbidden");
    }
    expect(await webhookCount(owner.id)).toBe(1);
    expect(await getDb().selectFrom("webhooks").selectAll().where("id", "=", webhook.id).executeTakeFirstOrThrow()).toEqual(
      before,
    );
    expect((await call({ ...GET_ONE, token: read, params })).status).toBe(200);
  });

  it("answers 401 without a token or with a bad one, on every route", async () => {
    const { owner } = await setup();
    const webhook = await createTestWebhook(owner.id, { url: "https://example.com/auth", events: ["document.sent"] });
    const params = { id: webhook.id };
    for (const route of [LIST, CREATE, GET_ONE, PATCH, DELETE, ROTATE]) {
      for (const token of [null, "dh_00000000000000000000000000000000", "not-a-token"]) {
        const answer = await call({
          ...route,
          token,
          params,
          body: route.method === "POST" || route.method === "PATCH" ? valid : undefined,
        });
        expect(answer.status, `${route.method} ${route.path} with ${token}`).toBe(401);
        expect(answer.body.error?.code).toBe("unauthorized");
        expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer realm="docuhooks"/);
      }
    }
    expect(await webhookCount(owner.id)).toBe(1);
  });
});

describe(`REST API v1: a webhook's rate limit (${testDialect})`, () => {
  it("is set on create, changed or removed by PATCH, and a bad value is a 400 naming the field", async () => {
    const { write } = await setup();
    const created = await call({ ...CREATE, token: write, body: { ...valid, rateLimitPerSecond: 20 } });
    expect(created.status).toBe(201);
    expect(created.body.rateLimitPerSecond).toBe(20);
    const params = { id: String(created.body.id) };

    const kept = await call({ ...PATCH, token: write, params, body: { enabled: false } });
    expect(kept.body.rateLimitPerSecond).toBe(20);
    const removed = await call({ ...PATCH, token: write, params, body: { rateLimitPerSecond: null } });
    expect(removed.status).toBe(200);
    expect(removed.body.rateLimitPerSecond).toBeNull();

    for (const bad of [0, 2.5, "10", 100_000]) {
      const refused = await call({ ...PATCH, token: write, params, body: { rateLimitPerSecond: bad } });
      expect(refused.status).toBe(400);
      expect(refused.body.error?.fields?.rateLimitPerSecond).toMatch(/whole number of deliveries a second/);
    }
    const after = await call({ ...GET_ONE, token: write, params });
    expect(after.body.rateLimitPerSecond).toBeNull();
  });
});
