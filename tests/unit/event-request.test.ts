import { describe, expect, it } from "vitest";
import { parseEventRequest } from "@/lib/validation/event-request";
import { DOTTED_EVENT_NAMES } from "@/lib/webhooks/events";
import { getSamplePayload } from "@/lib/webhooks/samples";

const sample = () => getSamplePayload("DOCUMENT_SIGNED") as Record<string, unknown> & { recipients: Record<string, unknown>[] };

describe("event request body", () => {
  it("accepts dotted and wire names and returns the wire name", () => {
    for (const event of ["document.signed", "DOCUMENT_SIGNED"]) {
      const result = parseEventRequest({ event, payload: sample() });
      expect(result).toMatchObject({ ok: true, value: { type: "DOCUMENT_SIGNED" } });
    }
  });

  it("lists the valid names for an unknown event", () => {
    const result = parseEventRequest({ event: "document.exploded", payload: sample() });
    expect(result).toMatchObject({ ok: false, code: "unknown_event", validEvents: DOTTED_EVENT_NAMES });
    if (!result.ok) expect(result.message).toContain("document.completed");
  });

  it("lists schema errors with their paths", () => {
    const payload = sample();
    payload.id = "4821";
    delete payload.title;
    payload.recipients[1].email = "not-an-email";
    payload.recipients[0].signingStatus = "MAYBE";
    const result = parseEventRequest({ event: "document.signed", payload, idempotencyKey: "" });
    expect(result.ok).toBe(false);
    if (result.ok || result.code !== "invalid_request") throw new Error("expected invalid_request");
    const paths = result.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "payload.id",
        "payload.title",
        "payload.recipients.1.email",
        "payload.recipients.0.signingStatus",
        "idempotencyKey",
      ]),
    );
    expect(result.issues.find((i) => i.path === "payload.title")?.message).toBe("Required");
  });

  it("rejects a body that is not an object, a missing payload and unknown top-level keys", () => {
    for (const body of [null, [], "text", 42]) expect(parseEventRequest(body).ok).toBe(false);
    expect(parseEventRequest({ event: "document.signed" })).toMatchObject({ ok: false, code: "invalid_request" });
    const typo = parseEventRequest({ event: "document.signed", payload: sample(), idempotency_key: "k" });
    expect(typo).toMatchObject({ ok: false, code: "invalid_request" });
  });

  it("hands over the payload's own text, tokens included, with every byte as sent", () => {
    const payloadText = `{ "id": 4821, "title": "Lease", "status": "PENDING", "amount": 12345678901234567891,
      "huge": 1e309, "price": 1.50, "name": "Ren\u00e9e", "recipients": [ { "email": "a@example.com", "token": "tok-1", "signingStatus": "SIGNED" } ] }`;
    const bodyText = `{"event":"document.signed","payload":${payloadText}}`;
    const result = parseEventRequest(JSON.parse(bodyText), bodyText);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.payloadJson).toBe(payloadText);
  });

  it("accepts a Documenso delivery body as it is (createdAt and webhookEndpoint)", () => {
    const body = {
      event: "DOCUMENT_SIGNED",
      payload: sample(),
      createdAt: "2024-04-22T11:52:18.277Z",
      webhookEndpoint: "https://your-endpoint.com/webhook",
    };
    expect(parseEventRequest(body).ok).toBe(true);
    expect(parseEventRequest({ ...body, createdAt: 5 }).ok).toBe(false);
  });

  it("takes recipients from the legacy Recipient list alone, and needs one of the two", () => {
    const { recipients, ...rest } = sample();
    expect(parseEventRequest({ event: "document.signed", payload: { ...rest, Recipient: recipients } }).ok).toBe(true);
    const { Recipient: _legacy, ...neither } = rest as Record<string, unknown>;
    const result = parseEventRequest({ event: "document.signed", payload: neither });
    expect(result).toMatchObject({ ok: false, issues: [{ path: "payload.recipients", message: "Required" }] });
  });

  it("limits the idempotency key to 255 characters", () => {
    expect(parseEventRequest({ event: "document.signed", payload: sample(), idempotencyKey: "k".repeat(255) }).ok).toBe(true);
    expect(parseEventRequest({ event: "document.signed", payload: sample(), idempotencyKey: "k".repeat(256) }).ok).toBe(false);
  });
});
