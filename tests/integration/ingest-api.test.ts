import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/events/route";
import { getDb } from "@/db";
import { limits } from "@/lib/config";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { DOTTED_EVENT_NAMES } from "@/lib/webhooks/events";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

const URL_ = "http://localhost/api/v1/events";

async function newToken(userId: string) {
  const result = await createApiToken(userId, { name: "test" });
  if (!result.ok) throw new Error(result.message);
  return result.token;
}

function post(body: BodyInit | null, headers: Record<string, string> = {}, init: RequestInit = {}) {
  return POST(new Request(URL_, { method: "POST", headers, body, ...init }));
}

function postJson(token: string | null, body: unknown, headers: Record<string, string> = {}) {
  return post(typeof body === "string" ? body : JSON.stringify(body), {
    "content-type": "application/json",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...headers,
  });
}

/** A chunked upload: a streamed body has no Content-Length. */
function streamingRequest(stream: ReadableStream<Uint8Array>, token: string) {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

async function rowCounts() {
  const db = getDb();
  const count = async (table: "events" | "deliveries") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { events: await count("events"), deliveries: await count("deliveries") };
}

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

describe(`POST /api/v1/events (${testDialect})`, () => {
  let user: { id: string };
  let token: string;
  const webhooks: Record<string, { id: string }> = {};

  beforeAll(async () => {
    user = await createTestUser();
    token = (await newToken(user.id)).token;
    webhooks.signed = await createTestWebhook(user.id, { url: "http://127.0.0.1:9/a", events: ["document.signed"] });
    webhooks.both = await createTestWebhook(user.id, {
      url: "http://127.0.0.1:9/b",
      events: ["DOCUMENT_SIGNED", "document.completed"],
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    });
    webhooks.disabled = await createTestWebhook(user.id, {
      url: "http://127.0.0.1:9/c",
      events: ["document.signed"],
      enabled: false,
    });
    webhooks.other = await createTestWebhook(user.id, { url: "http://127.0.0.1:9/d", events: ["document.created"] });
    const stranger = await createTestUser();
    webhooks.strangers = await createTestWebhook(stranger.id, { url: "http://127.0.0.1:9/e", events: ["document.signed"] });
  });

  it("accepts an event with 202 and writes it with one delivery per enabled, subscribed webhook of the owner", async () => {
    const payload = getSamplePayload("DOCUMENT_SIGNED") as { recipients: Record<string, unknown>[] } & Record<string, unknown>;
    payload.recipients = payload.recipients.map((r) => ({ ...r, token: "signing-token-should-not-leak" }));
    payload.customField = { kept: true };
    const response = await postJson(token, { event: "document.signed", payload });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; deliveries: number };
    expect(body).toEqual({ id: expect.stringMatching(/^evt_/), deliveries: 2 });

    const db = getDb();
    const event = await db.selectFrom("events").selectAll().where("id", "=", body.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ user_id: user.id, type: "DOCUMENT_SIGNED", idempotency_key: null });
    expect(event.payload).not.toContain("signing-token-should-not-leak");
    expect(JSON.parse(event.payload)).toMatchObject({ id: payload.id, title: payload.title, customField: { kept: true } });

    const deliveries = await db.selectFrom("deliveries").selectAll().where("event_id", "=", body.id).execute();
    expect(deliveries.map((d) => d.webhook_id).sort()).toEqual([webhooks.signed.id, webhooks.both.id].sort());
    expect(deliveries.every((d) => d.status === "pending" && d.user_id === user.id)).toBe(true);
  });

  it("accepts the wire name as well as the dotted one", async () => {
    const response = await postJson(token, { event: "DOCUMENT_COMPLETED", payload: getSamplePayload("DOCUMENT_COMPLETED") });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; deliveries: number };
    expect(body.deliveries).toBe(1);
    const event = await getDb().selectFrom("events").select("type").where("id", "=", body.id).executeTakeFirstOrThrow();
    expect(event.type).toBe("DOCUMENT_COMPLETED");
  });

  it("answers 202 with zero deliveries when no webhook listens", async () => {
    const response = await postJson(token, { event: "template.used", payload: getSamplePayload("TEMPLATE_USED") });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ deliveries: 0 });
  });

  it("replays an idempotency key with 200, the same id and nothing new; keys are per user", async () => {
    const request = {
      event: "document.signed",
      payload: getSamplePayload("DOCUMENT_SIGNED"),
      idempotencyKey: "order-1187-signed",
    };
    const first = await postJson(token, request);
    expect(first.status).toBe(202);
    const firstBody = await first.json();
    const before = await rowCounts();

    const again = await postJson(token, request);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    expect(await rowCounts()).toEqual(before);

    // Another user's identical key is a different event.
    const stranger = await createTestUser();
    const strangerToken = (await newToken(stranger.id)).token;
    const theirs = await postJson(strangerToken, request);
    expect(theirs.status).toBe(202);
    expect(((await theirs.json()) as { id: string }).id).not.toBe(firstBody.id);
  });

  it("records concurrent requests with one idempotency key once", async () => {
    const request = { event: "document.signed", payload: getSamplePayload("DOCUMENT_SIGNED"), idempotencyKey: "race-1" };
    const before = await rowCounts();
    const responses = await Promise.all(Array.from({ length: 8 }, () => postJson(token, request)));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { id: string }[];
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(responses.filter((r) => r.status === 202)).toHaveLength(1);
    expect(await rowCounts()).toEqual({ events: before.events + 1, deliveries: before.deliveries + 2 });
  });

  describe("rejects, writing nothing", () => {
    async function expectRejected(response: Promise<Response>, status: number, code: string) {
      const before = await rowCounts();
      const res = await response;
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/json");
      const body = (await res.json()) as ErrorBody;
      expect(body.error).toMatchObject({ code, message: expect.any(String) });
      expect(await rowCounts()).toEqual(before);
      return { res, body };
    }
    const valid = () => ({ event: "document.signed", payload: getSamplePayload("DOCUMENT_SIGNED") });

    it("401 without a token, with a bad one, with a revoked one, with another scheme", async () => {
      const { res } = await expectRejected(postJson(null, valid()), 401, "unauthorized");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      const bad = await expectRejected(postJson(`dh_${"x".repeat(32)}`, valid()), 401, "unauthorized");
      expect(bad.res.headers.get("www-authenticate")).toContain('error="invalid_token"');
      await expectRejected(postJson("not-even-a-token", valid()), 401, "unauthorized");
      await expectRejected(postJson(null, valid(), { authorization: `Basic ${token}` }), 401, "unauthorized");

      const revoked = await newToken(user.id);
      expect((await postJson(revoked.token, valid())).status).toBe(202);
      await revokeApiToken(user.id, revoked.id);
      await expectRejected(postJson(revoked.token, valid()), 401, "unauthorized");
    });

    it("400 when the client breaks off the upload", async () => {
      let sent = false;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) return controller.error(new Error("connection reset"));
          controller.enqueue(new TextEncoder().encode('{"event":"document.signed",'));
          sent = true;
        },
      });
      const request = streamingRequest(stream, token);
      await expectRejected(POST(request), 400, "malformed_json");
    });

    it("400 for malformed JSON, including an empty body and invalid UTF-8", async () => {
      await expectRejected(postJson(token, '{"event": "document.signed", "payload": {'), 400, "malformed_json");
      await expectRejected(postJson(token, ""), 400, "malformed_json");
      await expectRejected(
        post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), { "content-type": "application/json", authorization: `Bearer ${token}` }),
        400,
        "malformed_json",
      );
    });

    it("400 for an unknown event, listing the valid names", async () => {
      const { body } = await expectRejected(postJson(token, { ...valid(), event: "document.exploded" }), 400, "unknown_event");
      expect(body.error.details).toEqual({ validEvents: DOTTED_EVENT_NAMES });
      expect(body.error.message).toContain("document.signed");
    });

    it("400 listing schema errors with their paths", async () => {
      const payload = getSamplePayload("DOCUMENT_SIGNED") as Record<string, unknown> & { recipients: Record<string, unknown>[] };
      delete payload.title;
      payload.status = "SHREDDED";
      payload.recipients[0].email = 12;
      const { body } = await expectRejected(postJson(token, { event: "document.signed", payload }), 400, "invalid_request");
      const paths = (body.error.details as { path: string; message: string }[]).map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(["payload.title", "payload.status", "payload.recipients.0.email"]));
    });

    it("400 for wrong types at the top level", async () => {
      for (const bad of [
        { event: 5, payload: getSamplePayload("DOCUMENT_SIGNED") },
        { event: "document.signed", payload: "a document" },
        { event: "document.signed", payload: [] },
        { ...valid(), idempotencyKey: 7 },
        { ...valid(), idempotencyKey: "k".repeat(256) },
        { ...valid(), extra: true },
        [valid()],
        "document.signed",
        null,
      ]) {
        await expectRejected(postJson(token, JSON.stringify(bad)), 400, "invalid_request");
      }
      await expectRejected(postJson(token, { payload: getSamplePayload("DOCUMENT_SIGNED") }), 400, "invalid_request");
    });

    it("400 for JSON nested too deeply to store, and for control characters in the idempotency key", async () => {
      const deep = JSON.stringify({ ...valid(), payload: { ...getSamplePayload("DOCUMENT_SIGNED"), formValues: "X" } }).replace(
        '"X"',
        "[".repeat(100_000) + "]".repeat(100_000),
      );
      const { body } = await expectRejected(postJson(token, deep), 400, "invalid_request");
      expect(body.error.message).toContain("64 levels");
      // A string full of brackets is not nesting.
      const brackets = { ...valid(), payload: { ...getSamplePayload("DOCUMENT_SIGNED"), note: "[{".repeat(1000) } };
      expect((await postJson(token, brackets)).status).toBe(202);

      await expectRejected(postJson(token, { ...valid(), idempotencyKey: "key\u0000nul" }), 400, "invalid_request");
    });

    it("413 above 256 KiB by Content-Length, and accepts exactly 256 KiB", async () => {
      const sized = (bytes: number) => {
        const base = JSON.stringify({ ...valid(), payload: { ...getSamplePayload("DOCUMENT_SIGNED"), padding: "" } });
        const body = base.replace('"padding":""', `"padding":"${"p".repeat(bytes - base.length)}"`);
        expect(Buffer.byteLength(body)).toBe(bytes);
        return body;
      };
      const { body } = await expectRejected(postJson(token, sized(limits.eventBodyMaxBytes + 1)), 413, "payload_too_large");
      expect(body.error.details).toEqual({ maxBytes: 262144 });
      expect((await postJson(token, sized(limits.eventBodyMaxBytes))).status).toBe(202);
    });

    it("413 for a chunked body without Content-Length that grows past the cap, without reading it all", async () => {
      const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
      let pulled = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled === 0) controller.enqueue(new TextEncoder().encode('{"event":"document.signed","payload":'));
          // An endless body: only the server's cap stops it.
          controller.enqueue(chunk);
          pulled += 1;
        },
      });
      const request = streamingRequest(stream, token);
      expect(request.headers.get("content-length")).toBeNull();
      await expectRejected(POST(request), 413, "payload_too_large");
      expect(pulled * chunk.byteLength).toBeLessThan(limits.eventBodyMaxBytes + 4 * chunk.byteLength);
    });

    it("413 when the body is longer than its declared Content-Length claims", async () => {
      const big = JSON.stringify({
        ...valid(),
        payload: { ...getSamplePayload("DOCUMENT_SIGNED"), padding: "p".repeat(limits.eventBodyMaxBytes) },
      });
      const request = new Request(URL_, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "content-length": "100" },
        body: big,
      });
      expect(request.headers.get("content-length")).toBe("100");
      await expectRejected(POST(request), 413, "payload_too_large");
    });

    it("415 unless the body is declared as JSON", async () => {
      const body = JSON.stringify(valid());
      await expectRejected(
        post(body, { authorization: `Bearer ${token}`, "content-type": "text/plain" }),
        415,
        "unsupported_media_type",
      );
      await expectRejected(
        post(body, { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" }),
        415,
        "unsupported_media_type",
      );
      await expectRejected(post(new Blob([body]), { authorization: `Bearer ${token}` }), 415, "unsupported_media_type");
      await expectRejected(
        post(body, { authorization: `Bearer ${token}`, "content-type": "application/json", "content-encoding": "gzip" }),
        415,
        "unsupported_media_type",
      );
      // Parameters are fine.
      expect(
        (await post(body, { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8" })).status,
      ).toBe(202);
    });
  });

  it("answers GET with 405 and an Allow header", async () => {
    const response = await GET(new Request("http://localhost/api/v1/events"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(((await response.json()) as ErrorBody).error.code).toBe("method_not_allowed");
  });
});
