import { describe, expect, it, vi } from "vitest";
import { GET as getDelivery } from "@/app/api/deliveries/[id]/route";
import { GET as listTokens } from "@/app/api/tokens/route";
import { GET as listDeliveries } from "@/app/api/webhooks/[id]/deliveries/route";
import { GET as getHealth } from "@/app/api/webhooks/[id]/health/route";
import { GET as getWebhook } from "@/app/api/webhooks/[id]/route";
import { GET as listWebhooks } from "@/app/api/webhooks/route";
import { SESSION_ENDED_MESSAGE } from "@/lib/auth/session";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { testDialect } from "../helpers/db-info";
import { fixtureId, insertDeliveries } from "../helpers/deliveries";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

// The JSON routes the settings pages poll, called as Next calls them (a Request and a params
// promise) with the session injected: what a browser would get back, status, body and caching.

const SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

let seq = 0;

async function setup() {
  seq++;
  const owner = await createTestUser();
  const stranger = await createTestUser();
  const webhook = await createTestWebhook(owner.id, {
    url: "https://example.com/routes",
    events: ["document.signed"],
    secret: SECRET,
  });
  const deliveryId = fixtureId("msg", seq, "routes");
  await insertDeliveries(owner.id, webhook.id, [
    {
      id: deliveryId,
      eventId: fixtureId("evt", seq, "routes"),
      type: "DOCUMENT_SIGNED",
      status: "failed",
      createdAt: Date.now(),
    },
  ]);
  return { owner, stranger, webhook, deliveryId };
}

const request = (path: string) => new Request(`http://localhost${path}`);
const params = <P>(value: P) => ({ params: Promise.resolve(value) });

async function read(response: Response) {
  return { status: response.status, cacheControl: response.headers.get("cache-control"), body: await response.json() };
}

describe(`session JSON routes (${testDialect})`, () => {
  it("answer 401 in the one error shape without a session, for every route", async () => {
    const { webhook, deliveryId } = await setup();
    const unauthorized = {
      status: 401,
      cacheControl: "no-store",
      body: { error: { code: "unauthorized", message: SESSION_ENDED_MESSAGE } },
    };
    expect(await read(await listWebhooks.withUser(null)(request("/api/webhooks"), params({})))).toEqual(unauthorized);
    const id = params({ id: webhook.id });
    expect(await read(await listDeliveries.withUser(null)(request(`/api/webhooks/${webhook.id}/deliveries`), id))).toEqual(
      unauthorized,
    );
    expect(await read(await getHealth.withUser(null)(request(`/api/webhooks/${webhook.id}/health`), id))).toEqual(unauthorized);
    expect(await read(await getWebhook.withUser(null)(request(`/api/webhooks/${webhook.id}`), id))).toEqual(unauthorized);
    expect(await read(await listTokens.withUser(null)(request("/api/tokens"), params({})))).toEqual(unauthorized);
    expect(
      await read(await getDelivery.withUser(null)(request(`/api/deliveries/${deliveryId}`), params({ id: deliveryId }))),
    ).toEqual(unauthorized);
  });

  it("give the owner their data, never cached and without the secret", async () => {
    const { owner, webhook, deliveryId } = await setup();
    const list = await read(await listWebhooks.withUser(owner)(request("/api/webhooks"), params({})));
    expect(list).toMatchObject({
      status: 200,
      cacheControl: "no-store",
      body: { webhooks: [{ id: webhook.id, hasSecret: true }] },
    });
    expect(JSON.stringify(list.body)).not.toContain(SECRET);

    const id = params({ id: webhook.id });
    expect(
      await read(await listDeliveries.withUser(owner)(request(`/api/webhooks/${webhook.id}/deliveries?status=failed`), id)),
    ).toMatchObject({
      status: 200,
      cacheControl: "no-store",
      body: { rows: [{ id: deliveryId, state: "failed" }], nextCursor: null },
    });
    expect(await read(await getHealth.withUser(owner)(request(`/api/webhooks/${webhook.id}/health`), id))).toMatchObject({
      status: 200,
      body: { deliveries: 1 },
    });
    const header = await read(await getWebhook.withUser(owner)(request(`/api/webhooks/${webhook.id}`), id));
    expect(header).toMatchObject({
      status: 200,
      cacheControl: "no-store",
      body: { id: webhook.id, url: "https://example.com/routes", enabled: true, hasSecret: true, previousSecretExpiresAt: null },
    });
    expect(JSON.stringify(header.body)).not.toContain(SECRET);

    const created = await createApiToken(owner.id, { name: "CI" });
    if (!created.ok) throw new Error("token not created");
    const tokens = await read(await listTokens.withUser(owner)(request("/api/tokens"), params({})));
    expect(tokens).toMatchObject({ status: 200, cacheControl: "no-store", body: { tokens: [{ name: "CI", lastUsedAt: null }] } });
    expect(JSON.stringify(tokens.body)).not.toContain(created.token.token);
    expect(
      await read(await getDelivery.withUser(owner)(request(`/api/deliveries/${deliveryId}`), params({ id: deliveryId }))),
    ).toMatchObject({
      status: 200,
      body: { id: deliveryId, webhookId: webhook.id },
    });
  });

  it("answer 404 for another user's ids, the same as for ids that exist nowhere", async () => {
    const { stranger, webhook, deliveryId } = await setup();
    const notFound = (message: string) => ({
      status: 404,
      cacheControl: "no-store",
      body: { error: { code: "not_found", message } },
    });
    for (const webhookId of [webhook.id, "wh_doesnotexist"]) {
      const id = params({ id: webhookId });
      expect(await read(await listDeliveries.withUser(stranger)(request(`/api/webhooks/${webhookId}/deliveries`), id))).toEqual(
        notFound("Webhook not found"),
      );
      expect(await read(await getHealth.withUser(stranger)(request(`/api/webhooks/${webhookId}/health`), id))).toEqual(
        notFound("Webhook not found"),
      );
      expect(await read(await getWebhook.withUser(stranger)(request(`/api/webhooks/${webhookId}`), id))).toEqual(
        notFound("Webhook not found"),
      );
    }
    for (const id of [deliveryId, "msg_doesnotexist"]) {
      expect(await read(await getDelivery.withUser(stranger)(request(`/api/deliveries/${id}`), params({ id })))).toEqual(
        notFound("Delivery not found"),
      );
    }
    expect((await read(await listWebhooks.withUser(stranger)(request("/api/webhooks"), params({})))).body).toEqual({
      webhooks: [],
    });
    expect((await read(await listTokens.withUser(stranger)(request("/api/tokens"), params({})))).body).toEqual({ tokens: [] });
  });

  it("answer bad log filters with 400 and a message per query parameter under `fields`", async () => {
    const { owner, webhook } = await setup();
    const response = await listDeliveries.withUser(owner)(
      request(`/api/webhooks/${webhook.id}/deliveries?status=nope&event=document.exploded&limit=0`),
      params({ id: webhook.id }),
    );
    const { status, body } = await read(response);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "invalid_query", message: expect.any(String) });
    expect(Object.keys(body.error.fields).sort()).toEqual(["events", "limit", "status"]);
    expect(body.error.fields.events).toBe("Unknown event: document.exploded");
    expect(Object.values(body.error.fields)).toContain(body.error.message);
  });

  it("answer an unexpected failure with 500 in the same shape, and log where without the request", async () => {
    const { owner } = await setup();
    // The logger writes JSON lines to stdout: read what it wrote.
    const logged = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const broken = { params: Promise.reject(new Error("params unavailable")) };
      const response = await listDeliveries.withUser(owner)(request(`/api/webhooks/wh_x/deliveries?search=${SECRET}`), broken);
      expect(await read(response)).toEqual({
        status: 500,
        cacheControl: "no-store",
        body: { error: { code: "internal_error", message: "Something went wrong. Try again." } },
      });
      expect(JSON.stringify(logged.mock.calls)).toContain("GET /api/webhooks/wh_x/deliveries");
      expect(JSON.stringify(logged.mock.calls)).not.toContain(SECRET.slice("whsec_".length));
    } finally {
      logged.mockRestore();
    }
  });
});
