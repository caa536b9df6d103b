import { describe, expect, it } from "vitest";
import { buildDeliveryBody, loggedRequestBody } from "@/lib/delivery-engine/build-request";

// Most attempts store no body: the log rebuilds it from the event and the attempt's URL
// (loggedRequestBody). A change to the body's format would therefore change what every old
// attempt shows, not only what is sent from now on. This vector pins the format byte for
// byte; a deliberate change must first keep old attempts' bodies (store them, or version the
// format on the row) and only then update it.

const EVENT = { type: "DOCUMENT_SIGNED", payload: '{ "id": 7, "title": "Lease ✓ \\"q\\"" }', createdAt: 1_764_000_000_123 };
const URL_SENT = 'https://example.com/hook?a=1&b="2"';
const PINNED =
  '{"event":"DOCUMENT_SIGNED","payload":{ "id": 7, "title": "Lease ✓ \\"q\\"" },"createdAt":"2025-11-24T16:00:00.123Z","webhookEndpoint":"https://example.com/hook?a=1&b=\\"2\\""}';

describe("delivery body format", () => {
  it("is pinned: the log's rebuild of old attempts depends on it", () => {
    expect(buildDeliveryBody(EVENT.type, EVENT.payload, new Date(EVENT.createdAt).toISOString(), URL_SENT)).toBe(PINNED);
  });

  it("is rebuilt for an attempt that stored none, and a stored body is shown as stored", () => {
    expect(loggedRequestBody(null, EVENT, URL_SENT)).toBe(PINNED);
    expect(loggedRequestBody('{"masked":true}', EVENT, URL_SENT)).toBe('{"masked":true}');
  });
});
