import { describe, expect, it } from "vitest";
import { POST as resendRoute } from "@/app/api/v1/deliveries/[id]/resend/route";
import { GET as getDeliveryRoute } from "@/app/api/v1/deliveries/[id]/route";
import { POST as sendEvent } from "@/app/api/v1/events/route";
import { GET as listDeliveriesRoute } from "@/app/api/v1/webhooks/[id]/deliveries/route";
import { POST as recoverRoute } from "@/app/api/v1/webhooks/[id]/recover/route";
import { POST as testRoute } from "@/app/api/v1/webhooks/[id]/test/route";
import { getDb } from "@/db";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { type ApiCall, callApi, newApiToken } from "../helpers/api-v1";
import { testDialect } from "../helpers/db-info";
import { fixtureId, insertDeliveries } from "../helpers/deliveries";
import { receiverAndWorkerForFile } from "../helpers/engine-under-test";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

// The delivery half of the REST API (test, log, one delivery, resend, recover) and the events
// route under scopes, with a real worker and receiver; every answer is checked against the
// OpenAPI document by callApi.

const TEST = { path: "/api/v1/webhooks/{id}/test", method: "POST", handler: testRoute } as const;
const RECOVER = { path: "/api/v1/webhooks/{id}/recover", method: "POST", handler: recoverRoute } as const;
const LIST = { path: "/api/v1/webhooks/{id}/deliveries", method: "GET", handler: listDeliveriesRoute } as const;
const GET_ONE = { path: "/api/v1/deliveries/{id}", method: "GET", handler: getDeliveryRoute } as const;
const RESEND = { path: "/api/v1/deliveries/{id}/resend", method: "POST", handler: resendRoute } as const;
const EVENTS = { path: "/api/v1/events", method: "POST", handler: sendEvent } as const;

type Body = Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } };
type Row = { id: string; state: string; eventType: string };

async function call(call: ApiCall) {
  const answer = await callApi(call);
  return { ...answer, body: answer.body as Body };
}

const engine = receiverAndWorkerForFile();
let seq = 0;

async function setup() {
  const owner = await createTestUser();
  const stranger = await createTestUser();
  const webhook = await createTestWebhook(owner.id, {
    url: `${engine.receiver.url}/api-${++seq}`,
    events: ["document.signed", "document.sent"],
    secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
  });
  return {
    owner,
    stranger,
    webhook,
    write: await newApiToken(owner.id, "write"),
    read: await newApiToken(owner.id, "read"),
    strangerToken: await newApiToken(stranger.id, "write"),
  };
}

const arrivedAt = (path: string) => engine.receiver.requests.filter((request) => request.path === path);

describe(`REST API v1: deliveries (${testDialect})`, () => {
  it("sends a test event and answers with the receiver's reply; the log and the delivery show it", async () => {
    const { webhook, read, write } = await setup();
    const tested = await call({ ...TEST, token: write, params: { id: webhook.id }, body: { event: "document.signed" } });
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({
      deliveryId: expect.stringMatching(/^msg_/),
      eventId: expect.stringMatching(/^evt_/),
      outcome: { pending: false, succeeded: true, statusCode: 200 },
    });
    const path = new URL(webhook.url).pathname;
    expect(arrivedAt(path)).toHaveLength(1);
    expect(arrivedAt(path)[0].headers["webhook-id"]).toBe(tested.body.deliveryId);

    const log = await call({ ...LIST, token: read, params: { id: webhook.id } });
    expect(log.status).toBe(200);
    expect(log.body).toMatchObject({ data: [{ id: tested.body.deliveryId, eventType: "document.signed" }], nextCursor: null });

    const one = await call({ ...GET_ONE, token: read, params: { id: tested.body.deliveryId as string } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: tested.body.deliveryId,
      webhookId: webhook.id,
      state: "delivered",
      attempts: [{ attemptNumber: 1, trigger: "test", succeeded: true, responseStatus: 200 }],
    });
  });

  it("refuses a test of an event the webhook doesn't listen to, or an unknown one, with 400 on event", async () => {
    const { webhook, write } = await setup();
    const params = { id: webhook.id };
    const unsubscribed = await call({ ...TEST, token: write, params, body: { event: "document.completed" } });
    expect(unsubscribed.status).toBe(400);
    expect(unsubscribed.body.error?.fields).toEqual({ event: "This webhook does not listen to document.completed" });
    const unknown = await call({ ...TEST, token: write, params, body: { event: "document.exploded" } });
    expect(unknown.body.error?.fields).toEqual({ event: "Unknown event: document.exploded" });
    const extra = await call({ ...TEST, token: write, params, body: { event: "document.signed", webhookId: "wh_x" } });
    expect(extra.body.error?.fields).toEqual({ webhookId: "Unknown field" });
    expect(await getDb().selectFrom("deliveries").select("id").where("webhook_id", "=", webhook.id).execute()).toEqual([]);
  });

  it("filters and pages the log as the UI does", async () => {
    const { owner, webhook, read } = await setup();
    const base = Date.now() - 60_000;
    const rows = [
      { status: "delivered", type: "DOCUMENT_SIGNED" },
      { status: "failed", type: "DOCUMENT_SIGNED" },
      { status: "failed", type: "DOCUMENT_SENT" },
      { status: "retrying", type: "DOCUMENT_SENT" },
    ] as const;
    const ids = rows.map((_, n) => fixtureId("msg", n, `f${seq}x`));
    await insertDeliveries(
      owner.id,
      webhook.id,
      rows.map((row, n) => ({ ...row, id: ids[n], eventId: fixtureId("evt", n, `f${seq}x`), createdAt: base + n })),
    );
    const params = { id: webhook.id };
    const failed = await call({ ...LIST, token: read, params, query: "?status=failed" });
    expect((failed.body.data as Row[]).map((d) => d.id)).toEqual([ids[2], ids[1]]);
    const sent = await call({ ...LIST, token: read, params, query: "?event=DOCUMENT_SENT&status=failed" });
    expect((sent.body.data as Row[]).map((d) => d.id)).toEqual([ids[2]]);
    const found = await call({ ...LIST, token: read, params, query: `?search=${ids[0]}` });
    expect((found.body.data as Row[]).map((d) => d.id)).toEqual([ids[0]]);

    const page = await call({ ...LIST, token: read, params, query: "?limit=3" });
    expect((page.body.data as Row[]).map((d) => d.id)).toEqual([ids[3], ids[2], ids[1]]);
    const next = await call({ ...LIST, token: read, params, query: `?limit=3&cursor=${page.body.nextCursor}` });
    expect((next.body.data as Row[]).map((d) => d.id)).toEqual([ids[0]]);
    expect(next.body.nextCursor).toBeNull();

    const bad = await call({ ...LIST, token: read, params, query: "?status=lost&event=document.exploded&limit=0" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: "invalid_query",
      fields: {
        status: "Status must be one of all, delivered, failing, failed, pending, cancelled",
        events: "Unknown event: document.exploded",
        limit: "Page size must be at least 1",
      },
    });
  });

  it("resends a delivery: the same message id arrives again, as a manual attempt", async () => {
    const { webhook, write } = await setup();
    const tested = await call({ ...TEST, token: write, params: { id: webhook.id }, body: { event: "document.sent" } });
    const deliveryId = tested.body.deliveryId as string;
    const resent = await call({ ...RESEND, token: write, params: { id: deliveryId } });
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual({ deliveryId, webhookId: webhook.id });
    const path = new URL(webhook.url).pathname;
    await waitUntil(() => arrivedAt(path).length === 2, "the resent delivery");
    expect(arrivedAt(path).map((request) => request.headers["webhook-id"])).toEqual([deliveryId, deliveryId]);
    const one = await waitUntil(async () => {
      const answer = await call({ ...GET_ONE, token: write, params: { id: deliveryId } });
      return (answer.body.attempts as unknown[]).length === 2 && answer;
    }, "the second attempt in the log");
    expect((one.body.attempts as { trigger: string }[]).map((a) => a.trigger)).toEqual(["test", "manual"]);
  });

  it("answers 409 for a resend or recover of a disabled webhook", async () => {
    const { owner, write } = await setup();
    const off = await createTestWebhook(owner.id, {
      url: `${engine.receiver.url}/off`,
      events: ["document.signed"],
      enabled: false,
    });
    const id = fixtureId("msg", 1, `off${seq}`);
    await insertDeliveries(owner.id, off.id, [
      { id, eventId: fixtureId("evt", 1, `off${seq}`), type: "DOCUMENT_SIGNED", status: "failed", createdAt: Date.now() - 1000 },
    ]);
    const resent = await call({ ...RESEND, token: write, params: { id } });
    expect(resent.status).toBe(409);
    expect(resent.body.error?.code).toBe("webhook_disabled");
    const recovered = await call({ ...RECOVER, token: write, params: { id: off.id }, body: { since: 0 } });
    expect(recovered.status).toBe(409);
    expect(recovered.body.error?.code).toBe("webhook_disabled");
  });

  it("recovers the failing and failed deliveries since a time; a future time is a 400 on since", async () => {
    const { owner, webhook, write } = await setup();
    const hour = 60 * 60 * 1000;
    const now = Date.now();
    await insertDeliveries(owner.id, webhook.id, [
      {
        id: fixtureId("msg", 1, `rc${seq}`),
        eventId: fixtureId("evt", 1, `rc${seq}`),
        type: "DOCUMENT_SIGNED",
        status: "failed",
        createdAt: now - 3 * hour,
      },
      {
        id: fixtureId("msg", 2, `rc${seq}`),
        eventId: fixtureId("evt", 2, `rc${seq}`),
        type: "DOCUMENT_SIGNED",
        status: "failed",
        createdAt: now - hour,
      },
      {
        id: fixtureId("msg", 3, `rc${seq}`),
        eventId: fixtureId("evt", 3, `rc${seq}`),
        type: "DOCUMENT_SIGNED",
        status: "retrying",
        createdAt: now - hour,
        // Its retry is hours away, so the worker leaves it to Recover.
        nextAttemptAt: now + 10 * hour,
      },
      // Cancelled (the webhook was disabled by hand) is not offered by Recover.
      {
        id: fixtureId("msg", 4, `rc${seq}`),
        eventId: fixtureId("evt", 4, `rc${seq}`),
        type: "DOCUMENT_SIGNED",
        status: "cancelled",
        createdAt: now - hour,
      },
    ]);
    const params = { id: webhook.id };
    const future = await call({ ...RECOVER, token: write, params, body: { since: new Date(now + hour).toISOString() } });
    expect(future.status).toBe(400);
    expect(future.body.error?.fields).toEqual({ since: "The start time must be in the past" });
    const missing = await call({ ...RECOVER, token: write, params, body: {} });
    expect(missing.body.error?.fields).toEqual({ since: "Choose a start time" });

    const recovered = await call({ ...RECOVER, token: write, params, body: { since: new Date(now - 2 * hour).toISOString() } });
    expect(recovered.status).toBe(200);
    expect(recovered.body).toEqual({ recovered: 2 });
    const path = new URL(webhook.url).pathname;
    await waitUntil(() => arrivedAt(path).length === 2, "the recovered deliveries");
  });

  it("answers 404 for another user's webhook or delivery on every route", async () => {
    const { webhook, write, strangerToken } = await setup();
    const tested = await call({ ...TEST, token: write, params: { id: webhook.id }, body: { event: "document.signed" } });
    const deliveryId = tested.body.deliveryId as string;
    const before = await getDb().selectFrom("deliveries").selectAll().where("id", "=", deliveryId).executeTakeFirstOrThrow();
    const webhookParams = { id: webhook.id };
    const answers = [
      await call({ ...TEST, token: strangerToken, params: webhookParams, body: { event: "document.signed" } }),
      await call({ ...RECOVER, token: strangerToken, params: webhookParams, body: { since: 0 } }),
      await call({ ...LIST, token: strangerToken, params: webhookParams }),
    ];
    for (const answer of answers) expect(answer.body.error).toEqual({ code: "not_found", message: "Webhook not found" });
    for (const route of [GET_ONE, RESEND]) {
      const answer = await call({ ...route, token: strangerToken, params: { id: deliveryId } });
      expect(answer.status).toBe(404);
      expect(answer.body.error).toEqual({ code: "not_found", message: "Delivery not found" });
    }
    expect(await getDb().selectFrom("deliveries").selectAll().where("id", "=", deliveryId).executeTakeFirstOrThrow()).toEqual(
      before,
    );
  });

  it("refuses every change with a read-only token (403), sending events included, and records nothing", async () => {
    const { owner, webhook, read } = await setup();
    const id = fixtureId("msg", 1, `ro${seq}`);
    await insertDeliveries(owner.id, webhook.id, [
      { id, eventId: fixtureId("evt", 1, `ro${seq}`), type: "DOCUMENT_SIGNED", status: "failed", createdAt: Date.now() - 1000 },
    ]);
    const before = await getDb().selectFrom("deliveries").selectAll().where("webhook_id", "=", webhook.id).execute();
    for (const attempt of [
      { ...TEST, params: { id: webhook.id }, body: { event: "document.signed" } },
      { ...RECOVER, params: { id: webhook.id }, body: { since: 0 } },
      { ...RESEND, params: { id } },
      { ...EVENTS, body: { event: "document.signed", payload: getSamplePayload("DOCUMENT_SIGNED") } },
    ]) {
      const answer = await call({ ...attempt, token: read });
      expect(answer.status, `${attempt.method} ${attempt.path}`).toBe(403);
      expect(answer.body.error?.code).toBe("forbidden");
    }
    expect(await getDb().selectFrom("deliveries").selectAll().where("webhook_id", "=", webhook.id).execute()).toEqual(before);
    expect(await getDb().selectFrom("events").select("id").where("user_id", "=", owner.id).execute()).toHaveLength(1);
  });

  it("answers 401 without a token or with a bad one, on every route", async () => {
    const { webhook } = await setup();
    for (const route of [TEST, RECOVER, LIST, GET_ONE, RESEND, EVENTS]) {
      for (const token of [null, "dh_00000000000000000000000000000000"]) {
        const answer = await call({
          ...route,
          token,
          params: { id: webhook.id },
          body: route.method === "POST" ? {} : undefined,
        });
        expect(answer.status, `${route.method} ${route.path}`).toBe(401);
        expect(answer.body.error?.code).toBe("unauthorized");
      }
    }
  });

  it("sends events with a read-and-write token, as documented", async () => {
    const { webhook, write } = await setup();
    const sent = await call({
      ...EVENTS,
      token: write,
      body: { event: "document.sent", payload: getSamplePayload("DOCUMENT_SENT") },
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ id: expect.stringMatching(/^evt_/), deliveries: 1 });
    await waitUntil(() => arrivedAt(new URL(webhook.url).pathname).length === 1, "the event's delivery");
  });
});
