import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recordEvent } from "@/lib/ingest/record-event";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

// Events that arrive together share a transaction (group commit). What a caller sees must not
// change: its own event id, its own deliveries (its user's subscribed webhooks, none of
// another user's), and the rows committed by the time its call returns.

const payloadJson = JSON.stringify(getSamplePayload("DOCUMENT_SIGNED"));

describe(`ingestion group commit (${testDialect})`, () => {
  it("gives each of many concurrent events its own id and its own user's deliveries, committed on return", async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    for (let i = 0; i < 3; i++)
      await createTestWebhook(alice.id, { url: `https://example.com/a/${i}`, events: ["document.signed"] });
    await createTestWebhook(alice.id, { url: "https://example.com/a/other", events: ["document.sent"] });
    await createTestWebhook(bob.id, { url: "https://example.com/b", events: ["document.signed", "document.sent"] });

    const db = getDb();
    const calls = Array.from({ length: 120 }, async (_, i) => {
      const user = i % 3 === 0 ? bob : alice;
      const type = i % 5 === 0 ? "DOCUMENT_SENT" : "DOCUMENT_SIGNED";
      const result = await recordEvent(user.id, { type, payloadJson });
      // Committed before the call returned: another connection's read sees it.
      const rows = await db
        .selectFrom("deliveries")
        .select(["user_id", "event_type"])
        .where("event_id", "=", result.id)
        .execute();
      return { user, type, result, rows };
    });
    const outcomes = await Promise.all(calls);

    expect(new Set(outcomes.map((outcome) => outcome.result.id)).size).toBe(120);
    for (const { user, type, result, rows } of outcomes) {
      const expected = user === bob ? 1 : type === "DOCUMENT_SENT" ? 1 : 3;
      expect(result).toMatchObject({ deliveries: expected, replayed: false });
      expect(rows).toHaveLength(expected);
      expect(rows.every((row) => row.user_id === user.id && row.event_type === type)).toBe(true);
    }
    const events = await db.selectFrom("events").select("user_id").execute();
    expect(events).toHaveLength(120);
  });

  it("an event with an idempotency key among them is still recorded once", async () => {
    const user = await createTestUser();
    await createTestWebhook(user.id, { url: "https://example.com/k", events: ["document.signed"] });
    const keyed = { type: "DOCUMENT_SIGNED" as const, payloadJson, idempotencyKey: "order-42" };
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => recordEvent(user.id, { type: "DOCUMENT_SIGNED", payloadJson })),
      recordEvent(user.id, keyed),
      recordEvent(user.id, keyed),
    ]);
    const [first, second] = results.slice(-2);
    expect(second.id).toBe(first.id);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    const keyedRows = await getDb().selectFrom("events").select("id").where("idempotency_key", "=", "order-42").execute();
    expect(keyedRows).toHaveLength(1);
  });
});
