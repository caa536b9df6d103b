import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { getDb } from "@/db";
import { copyAsCurlAction } from "@/lib/actions/deliveries/copy-as-curl";
import { createWebhookAction } from "@/lib/actions/webhooks/create-webhook";
import { decryptSecret } from "@/lib/crypto/encryption";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { memberText } from "@/lib/json/json-text";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { DOTTED_EVENT_NAMES, WIRE_EVENT_NAMES } from "@/lib/webhooks/events";
import { withoutRecipientTokens } from "@/lib/webhooks/recipient-tokens";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";
import type { WebhookView } from "@/lib/webhooks/webhook-view";
import { testDialect } from "../helpers/db-info";
import { type ReceivedRequest, type Receiver, startReceiver } from "../helpers/receiver";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";

// Receivers written for Documenso, against our real ingestion API, worker and HTTP: the
// X-Documenso-Secret check from Documenso's docs, an integration that builds signing links from
// recipients' tokens, custom headers, and every example from Documenso's webhook docs posted
// unchanged and delivered byte for byte.

const SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/documenso");

/** Verbatim from Documenso's docs (developers/webhooks/verification, Node.js tab). */
function verifyWebhookSignature(receivedSecret: string | undefined, expectedSecret: string | undefined): boolean {
  if (!expectedSecret) {
    // No secret configured, skip verification
    // Not recommended for production
    return true;
  }
  if (!receivedSecret) {
    return false;
  }
  // Use constant-time comparison to prevent timing attacks
  try {
    return crypto.timingSafeEqual(Buffer.from(receivedSecret), Buffer.from(expectedSecret));
  } catch {
    return false;
  }
}

/** The Documenso receiver's answer: 401 unless X-Documenso-Secret matches, as its docs say. */
function documensoReply(request: ReceivedRequest) {
  const receivedSecret = request.headers["x-documenso-secret"] as string | undefined;
  if (!verifyWebhookSignature(receivedSecret, SECRET)) return { status: 401, body: '{"error":"Invalid signature"}' };
  return { status: 200, body: '{"received":true}' };
}

let receiver: Receiver;
let worker: DeliveryWorker;
let user: { id: string; email: string };
let apiToken: string;
const answers = new Map<ReceivedRequest, number>();

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.reply = (request) => {
    const isFirstFlaky = request.path === "/flaky" && receiver.requests.filter(to("/flaky")).length === 1;
    const reply = isFirstFlaky
      ? { status: 503, body: "later" }
      : request.path.startsWith("/secret-")
        ? documensoReply(request)
        : { status: 200, body: "ok" };
    answers.set(request, reply.status);
    return reply;
  };
  worker = startDeliveryWorker({ pollIntervalMs: 50 });
  user = await createTestUser();
  apiToken = await newApiToken(user.id);
});

afterAll(async () => {
  await worker.stop();
  await receiver.close();
});

async function createWebhook(
  pathname: string,
  options: Record<string, unknown> = {},
  owner: { id: string; email: string } = user,
): Promise<WebhookView> {
  const result = await createWebhookAction.withUser(owner)({
    url: `${receiver.url}${pathname}`,
    events: [...DOTTED_EVENT_NAMES],
    secret: SECRET,
    ...options,
  });
  if (!result.ok) throw new Error(`${result.message}: ${JSON.stringify(result.fieldErrors)}`);
  return result.webhook;
}

async function newApiToken(userId: string): Promise<string> {
  const token = await createApiToken(userId, { name: "compat" });
  if (!token.ok) throw new Error(token.message);
  return token.token.token;
}

async function ingest(body: string, bearer = apiToken): Promise<{ status: number; json: { id: string; deliveries: number } }> {
  const response = await POST(
    new Request("http://localhost/api/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body,
    }),
  );
  return { status: response.status, json: (await response.json()) as { id: string; deliveries: number } };
}

const to = (pathname: string) => (request: ReceivedRequest) => request.path === pathname;

/** Each delivery's first attempt at the path: refused ones are retried, on a slow machine even during the test. */
function firstAttempts(pathname: string): ReceivedRequest[] {
  const seen = new Set<unknown>();
  return receiver.requests.filter(to(pathname)).filter((request) => {
    const id = request.headers["webhook-id"];
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

describe(`Documenso receivers (${testDialect})`, () => {
  let secretOn: WebhookView;
  let tokensOn: WebhookView;

  beforeAll(async () => {
    secretOn = await createWebhook("/secret-on", { sendSecretHeader: true });
    await createWebhook("/secret-off");
    tokensOn = await createWebhook("/tokens-on", { includeRecipientTokens: true });
    // Every event once, through the API, as a Documenso integration would send them.
    for (const wire of WIRE_EVENT_NAMES) {
      const answer = await ingest(JSON.stringify({ event: wire, payload: getSamplePayload(wire) }));
      expect(answer.status).toBe(202);
      expect(answer.json.deliveries).toBe(3);
    }
    await receiver.waitFor(WIRE_EVENT_NAMES.length * 3);
  });

  it("a receiver checking X-Documenso-Secret accepts every event with the option on and none with it off", async () => {
    const on = firstAttempts("/secret-on");
    const off = firstAttempts("/secret-off");
    // Deliveries go out concurrently, so in any order.
    expect(on.map((r) => JSON.parse(r.body).event).sort()).toEqual([...WIRE_EVENT_NAMES].sort());
    expect(on.map((r) => answers.get(r))).toEqual(WIRE_EVENT_NAMES.map(() => 200));
    expect(off.map((r) => answers.get(r))).toEqual(WIRE_EVENT_NAMES.map(() => 401));
    expect(off.every((r) => r.headers["x-documenso-secret"] === undefined)).toBe(true);
    // The signatures still come beside the secret, so the receiver can move to them.
    for (const request of on) {
      expect(request.headers["x-documenso-secret"]).toBe(SECRET);
      expect(() => new Webhook(SECRET).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    }
    expect(secretOn.sendSecretHeader).toBe(true);
  });

  it("the log and Copy as curl show the secret masked, never in the clear", async () => {
    const [row] = await getDb().selectFrom("deliveries").select("id").where("webhook_id", "=", secretOn.id).limit(1).execute();
    const delivery = await waitUntil(async () => {
      const found = await getDelivery(user.id, row.id);
      return found?.attempts.length ? found : undefined;
    }, "the attempt to be logged");
    expect(delivery.attempts[0].requestHeaders["x-documenso-secret"]).toBe("••••••••");
    const attempts = await getDb().selectFrom("delivery_attempts").select("request_headers").execute();
    expect(attempts.some((attempt) => attempt.request_headers.includes(SECRET))).toBe(false);

    const curl = await copyAsCurlAction.withUser(user)({ deliveryId: row.id });
    if (!curl.ok) throw new Error(curl.message);
    expect(curl.command).not.toContain(SECRET);
    expect(curl.command).toContain("x-documenso-secret: ••••••••");
    expect(curl.maskedHeaders).toEqual(["x-documenso-secret"]);
  });

  it("recipients' signing tokens reach the webhook that asked for them, and no other", async () => {
    // An integration that builds signing links from the tokens, as Documenso users do.
    const signingLinks = (request: ReceivedRequest) =>
      (JSON.parse(request.body).payload.recipients as { token?: string }[]).map((r) => r.token && `https://sign/${r.token}`);
    const withTokens = firstAttempts("/tokens-on");
    const withoutTokens = receiver.requests.filter(to("/secret-off"));
    expect(withTokens).toHaveLength(WIRE_EVENT_NAMES.length);
    for (const request of withTokens) {
      const sample = getSamplePayload(JSON.parse(request.body).event) as { recipients: { token: string }[] };
      expect(signingLinks(request)).toEqual(sample.recipients.map((r) => `https://sign/${r.token}`));
      expect(memberText(request.body, "payload")).toBe(JSON.stringify(sample));
    }
    for (const request of withoutTokens) {
      expect(signingLinks(request).every((link) => link === undefined)).toBe(true);
      expect(request.body).not.toContain('"token"');
    }
  });

  it("stores tokens only sealed and only when a subscribed webhook wants them; the log masks them", async () => {
    const events = await getDb().selectFrom("events").select(["payload", "payload_with_tokens"]).execute();
    const tokens = (getSamplePayload("DOCUMENT_SIGNED") as { recipients: { token: string }[] }).recipients.map((r) => r.token);
    for (const event of events) {
      expect(event.payload).not.toContain('"token"');
      // Sealed: unreadable as stored, the caller's text once opened.
      for (const token of tokens) expect(event.payload_with_tokens).not.toContain(token);
      expect(decryptSecret(event.payload_with_tokens!)).toContain('"token"');
    }
    const logged = await getDb()
      .selectFrom("delivery_attempts")
      .select("request_body")
      .where("webhook_id", "=", tokensOn.id)
      .execute();
    expect(logged.length).toBeGreaterThan(0);
    for (const attempt of logged) {
      for (const token of tokens) expect(attempt.request_body).not.toContain(token);
      expect(attempt.request_body).toContain('"token":"••••••••"');
    }
  });
});

describe(`Documenso's documented examples (${testDialect})`, () => {
  const fixtures = ["docs", "legacy-docs"].flatMap((dir) =>
    fs
      .readdirSync(path.join(FIXTURES, dir))
      .sort()
      .map((file) => ({ name: `${dir}/${file}`, text: fs.readFileSync(path.join(FIXTURES, dir, file), "utf8") })),
  );

  it("holds every example of both doc versions", () => {
    expect(fixtures).toHaveLength(15 + 7);
  });

  it.each(fixtures)(
    "$name is accepted unchanged and arrives byte for byte (tokens only where asked for)",
    async ({ name, text }) => {
      // A user of its own per example: exactly these two webhooks get it.
      const owner = await createTestUser();
      const slug = name.replace(/[/.]/g, "-");
      await createWebhook(`/docs/${slug}/plain`, { secret: undefined }, owner);
      await createWebhook(`/docs/${slug}/tokens`, { secret: undefined, includeRecipientTokens: true }, owner);
      const answer = await ingest(text, await newApiToken(owner.id));
      expect(answer).toMatchObject({ status: 202, json: { deliveries: 2 } });

      const payloadText = memberText(text, "payload")!;
      const [tokensRequest] = await receiver.waitFor(1, to(`/docs/${slug}/tokens`));
      const [plainRequest] = await receiver.waitFor(1, to(`/docs/${slug}/plain`));
      expect(memberText(tokensRequest.body, "payload")).toBe(payloadText);
      expect(memberText(plainRequest.body, "payload")).toBe(withoutRecipientTokens(payloadText));
      expect(JSON.parse(plainRequest.body).event).toBe(JSON.parse(text).event);
    },
  );

  it("keeps numbers JSON.parse would change, escapes and layout exactly as sent", async () => {
    const owner = await createTestUser();
    await createWebhook("/numbers", { events: ["document.signed"] }, owner);
    const payloadText = `{
      "id": 4821, "title": "Caf\\u00e9 lease", "status": "PENDING", "externalId": 12345678901234567891,
      "amount": 1e309, "price": 1.50, "tiny": -0.0, "ratio": 2E-7,
      "recipients": [ { "email": "a@example.com", "token": "tok-123", "signingStatus": "SIGNED" } ] }`;
    const answer = await ingest(`{"event":"document.signed","payload":${payloadText}}`, await newApiToken(owner.id));
    expect(answer.status).toBe(202);
    const [request] = await receiver.waitFor(1, to("/numbers"));
    const received = memberText(request.body, "payload")!;
    expect(received).toBe(withoutRecipientTokens(payloadText));
    for (const literal of ["12345678901234567891", "1e309", "1.50", "-0.0", "2E-7", "Caf\\u00e9"]) {
      expect(received).toContain(literal);
    }
  });
});

describe(`custom headers (${testDialect})`, () => {
  it("are sent on every attempt, retries and tests included, and shown masked in the log", async () => {
    process.env.DELIVERY_RETRY_SCHEDULE_MS = "50";
    try {
      const webhook = await createWebhook("/flaky", {
        events: ["document.completed"],
        sendSecretHeader: true,
        customHeaders: [
          { name: "Authorization", value: "Bearer receiver-api-key" },
          { name: "X-Tenant", value: "acme" },
        ],
      });
      expect(webhook.customHeaderNames).toEqual(["Authorization", "X-Tenant"]);
      expect(JSON.stringify(webhook)).not.toContain("receiver-api-key");
      const stored = await getDb()
        .selectFrom("webhooks")
        .select("custom_headers")
        .where("id", "=", webhook.id)
        .executeTakeFirstOrThrow();
      expect(stored.custom_headers).not.toContain("receiver-api-key");

      const { json: event } = await ingest(
        JSON.stringify({ event: "document.completed", payload: getSamplePayload("DOCUMENT_COMPLETED") }),
      );
      const [first, retry] = await receiver.waitFor(2, to("/flaky"));
      expect(answers.get(first)).toBe(503);
      for (const request of [first, retry]) {
        expect(request.headers.authorization).toBe("Bearer receiver-api-key");
        expect(request.headers["x-tenant"]).toBe("acme");
        expect(request.headers["content-type"]).toBe("application/json");
      }

      const test = await sendTestEvent(user.id, webhook.id, "DOCUMENT_COMPLETED");
      expect(test).toMatchObject({ ok: true, outcome: { pending: false, statusCode: 200 } });
      const [, , tested] = await receiver.waitFor(3, to("/flaky"));
      expect(tested.headers.authorization).toBe("Bearer receiver-api-key");

      const { id: deliveryId } = await getDb()
        .selectFrom("deliveries")
        .select("id")
        .where("webhook_id", "=", webhook.id)
        .where("event_id", "=", event.id)
        .executeTakeFirstOrThrow();
      const delivery = await waitUntil(async () => {
        const found = await getDelivery(user.id, deliveryId);
        return found && found.attempts.length >= 2 ? found : undefined;
      }, "both attempts to be logged");
      for (const attempt of delivery.attempts) {
        expect(attempt.requestHeaders).toMatchObject({ Authorization: "••••••••", "X-Tenant": "••••••••" });
      }
      const curl = await copyAsCurlAction.withUser(user)({ deliveryId });
      if (!curl.ok) throw new Error(curl.message);
      expect(curl.command).not.toContain("receiver-api-key");
      expect(curl.maskedHeaders).toEqual(["x-documenso-secret", "Authorization", "X-Tenant"]);
    } finally {
      delete process.env.DELIVERY_RETRY_SCHEDULE_MS;
    }
  });
});
