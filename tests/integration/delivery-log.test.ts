import { CompiledQuery, sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { DeliveryStatus } from "@/db/types";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { type DeliveryListRow, deliveryPageQuery, listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { isInStateSql } from "@/lib/delivery-log/status-groups";
import { encodeKeysetCursor } from "@/lib/keyset-cursor";
import {
  listDeliveriesQueryFromSearchParams,
  type TListDeliveriesQueryInput,
  ZListDeliveriesQuerySchema,
} from "@/lib/validation/deliveries";
import type { WireEventName } from "@/lib/webhooks/events";
import { testDialect } from "../helpers/db-info";
import { type FixtureDelivery, fixtureId, insertAttempts, insertDeliveries } from "../helpers/deliveries";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

const TOTAL = 5_000;
const STATUSES: DeliveryStatus[] = ["delivered", "failed", "pending", "retrying", "cancelled", "delivered", "delivered"];
const TYPES: WireEventName[] = ["DOCUMENT_SIGNED", "DOCUMENT_SENT", "DOCUMENT_COMPLETED"];
const BASE = 1_700_000_000_000;

let userId: string;
let webhookId: string;
let fixtures: FixtureDelivery[];

/** What the log must show: newest first, ties on created_at broken by id, descending. */
function expectedOrder(rows: FixtureDelivery[]): string[] {
  return [...rows].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((r) => r.id);
}

type PgPlan = { "Node Type": string; "Index Name"?: string; "Actual Rows"?: number; Plans?: PgPlan[] };

function flattenPlan(node: PgPlan): PgPlan[] {
  return [node, ...(node.Plans ?? []).flatMap(flattenPlan)];
}

async function visitAll(filters: TListDeliveriesQueryInput): Promise<DeliveryListRow[]> {
  const seen: DeliveryListRow[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1_000; page++) {
    const query = ZListDeliveriesQuerySchema.parse({ ...filters, cursor });
    const result = await listDeliveries(userId, webhookId, query);
    if (!result) throw new Error("webhook not found");
    expect(result.rows.length).toBeLessThanOrEqual(query.limit);
    seen.push(...result.rows);
    if (!result.nextCursor) return seen;
    expect(result.rows.length).toBe(query.limit);
    cursor = result.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe(`delivery log (${testDialect})`, () => {
  beforeAll(async () => {
    userId = (await createTestUser()).id;
    webhookId = (await createTestWebhook(userId, { url: "http://127.0.0.1:9/hook", events: TYPES })).id;
    // Several deliveries share each created_at, so the id tie-break is exercised on every page.
    fixtures = Array.from({ length: TOTAL }, (_, i) => ({
      id: fixtureId("msg", i),
      eventId: fixtureId("evt", i),
      type: TYPES[i % TYPES.length],
      status: STATUSES[i % STATUSES.length],
      createdAt: BASE + Math.floor(i / 4) * 1000,
      attemptCount: i % STATUSES.length === 1 ? 8 : 1,
      nextAttemptAt: BASE + 10_000_000,
    }));
    // Inserted out of order: the log's order must come from the query, not insertion.
    await insertDeliveries(userId, webhookId, [...fixtures].reverse());
  });

  it("pages through all 5,000 deliveries exactly once, newest first", async () => {
    const rows = await visitAll({ limit: 100 });
    expect(rows.map((r) => r.id)).toEqual(expectedOrder(fixtures));
    expect(new Set(rows.map((r) => r.id)).size).toBe(TOTAL);
  });

  it.each([
    ["delivered", "delivered"],
    ["failing", "retrying"],
    ["failed", "failed"],
    ["pending", "pending"],
    ["cancelled", "cancelled"],
  ] as const)("the %s tab visits exactly its deliveries once, in order (default page size)", async (state, status) => {
    const rows = await visitAll({ status: state });
    const expected = fixtures.filter((f) => f.status === status);
    expect(expected.length).toBeGreaterThan(500);
    expect(rows.map((r) => r.id)).toEqual(expectedOrder(expected));
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set([state]));
  });

  it.runIf(testDialect === "sqlite").each([
    ["failing", "deliveries_webhook_open_idx"],
    ["pending", "deliveries_webhook_open_idx"],
    ["failed", "deliveries_webhook_failed_idx"],
    ["cancelled", "deliveries_webhook_failed_idx"],
  ] as const)("SQLite reads the %s tab from the partial index %s", async (state, index) => {
    const query = getDb()
      .selectFrom("deliveries as d")
      .select("d.id")
      .where("d.webhook_id", "=", webhookId)
      .where(isInStateSql(state, "d.status"))
      .orderBy("d.created_at", "desc")
      .orderBy("d.id", "desc")
      .limit(25)
      .compile();
    const plan = await getDb().executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    expect(plan.rows.map((row) => row.detail).join(" | ")).toContain(`USING INDEX ${index}`);
  });

  it("filters by several events (dotted or wire names) combined with a tab", async () => {
    const rows = await visitAll({ status: "failing", events: ["document.signed", "DOCUMENT_COMPLETED"], limit: 37 });
    const expected = fixtures.filter(
      (f) => f.status === "retrying" && (f.type === "DOCUMENT_SIGNED" || f.type === "DOCUMENT_COMPLETED"),
    );
    expect(rows.map((r) => r.id)).toEqual(expectedOrder(expected));
    expect(new Set(rows.map((r) => r.eventType))).toEqual(new Set(["document.signed", "document.completed"]));
  });

  it("filters by one event across every page, in order", async () => {
    const rows = await visitAll({ events: ["document.sent"], limit: 100 });
    expect(rows.map((r) => r.id)).toEqual(expectedOrder(fixtures.filter((f) => f.type === "DOCUMENT_SENT")));
  });

  it("reads a rare event's page from the event index, without walking the log", async () => {
    // 2,000 signed deliveries and 3 rejected ones on a webhook of their own.
    const rare = await createTestWebhook(userId, { url: "http://127.0.0.1:9/rare", events: TYPES });
    await insertDeliveries(
      userId,
      rare.id,
      Array.from({ length: 2_003 }, (_, i) => ({
        id: fixtureId("msg", i, "rare"),
        eventId: fixtureId("evt", i, "rare"),
        type: i % 1000 === 1 ? "DOCUMENT_REJECTED" : "DOCUMENT_SIGNED",
        status: "delivered",
        createdAt: BASE + i,
      })),
    );
    await sql`analyze`.execute(getDb());
    const query = ZListDeliveriesQuerySchema.parse({ events: ["document.rejected"] });
    const page = await listDeliveries(userId, rare.id, query);
    expect(page?.rows.map((r) => r.eventType)).toEqual(["document.rejected", "document.rejected", "document.rejected"]);

    const compiled = deliveryPageQuery(userId, rare.id, query).compile();
    if (testDialect === "sqlite") {
      const plan = await getDb().executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
      );
      const detail = plan.rows.map((row) => row.detail).join(" | ");
      expect(detail).toContain("USING INDEX deliveries_webhook_event_idx (webhook_id=? AND event_type=?)");
      expect(detail).not.toContain("TEMP B-TREE");
    } else {
      // Run for real: the event index hands over only the rare rows, and nothing is sorted.
      const plan = await getDb().executeQuery<{ "QUERY PLAN": [{ Plan: PgPlan }] }>(
        CompiledQuery.raw(`explain (analyze, format json) ${compiled.sql}`, [...compiled.parameters]),
      );
      const nodes = flattenPlan(plan.rows[0]["QUERY PLAN"][0].Plan);
      const scan = nodes.find((node) => node["Index Name"] === "deliveries_webhook_event_idx");
      expect(scan?.["Actual Rows"]).toBe(3);
      expect(nodes.some((node) => node["Node Type"] === "Sort" || node["Node Type"] === "Seq Scan")).toBe(false);
    }
  });

  it("shows state, event, attempt n of max and the next retry only while waiting", async () => {
    const rows = await visitAll({ limit: 100 });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const failed = byId.get(fixtureId("msg", 1))!;
    expect(failed).toMatchObject({
      state: "failed",
      eventType: "document.sent",
      attemptCount: 8,
      maxAttempts: 8,
      nextAttemptAt: null,
    });
    const pending = byId.get(fixtureId("msg", 2))!;
    expect(pending).toMatchObject({ state: "pending", eventType: "document.completed", nextAttemptAt: BASE + 10_000_000 });
    expect(pending.eventId).toBe(fixtureId("evt", 2));
  });

  it("finds a delivery by its id and by its event id, exactly", async () => {
    const byDelivery = await visitAll({ search: fixtureId("msg", 1234) });
    expect(byDelivery.map((r) => r.id)).toEqual([fixtureId("msg", 1234)]);
    const byEvent = await visitAll({ search: ` ${fixtureId("evt", 4321)} ` });
    expect(byEvent.map((r) => r.id)).toEqual([fixtureId("msg", 4321)]);
    expect(await visitAll({ search: "msg_nothing" })).toEqual([]);
    // Search and a tab that excludes the row: nothing, not the row.
    expect(fixtures[1234].status).toBe("pending");
    expect(await visitAll({ search: fixtureId("msg", 1234), status: "delivered" })).toEqual([]);
  });

  it("rejects a bad cursor, page size, tab or event with a clear message", async () => {
    for (const cursor of ["not-a-cursor", "eyJ4IjoxfQ", Buffer.from('{"c":"x","i":1}').toString("base64url"), "%%%"]) {
      const parsed = ZListDeliveriesQuerySchema.safeParse({ cursor });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({ path: ["cursor"], message: expect.stringMatching(/cursor/i) });
    }
    const bad = listDeliveriesQueryFromSearchParams(new URLSearchParams("status=everything&limit=500&event=document.exploded"));
    expect(bad.success).toBe(false);
    expect(!bad.success && Object.keys(bad.fieldErrors).sort()).toEqual(["events", "limit", "status"]);
    expect(!bad.success && bad.fieldErrors.events).toBe("Unknown event: document.exploded");

    const good = listDeliveriesQueryFromSearchParams(
      new URLSearchParams("status=failed&event=document.signed,document.sent&event=DOCUMENT_COMPLETED&limit=10"),
    );
    expect(good.success && good.data).toMatchObject({
      status: "failed",
      // Either name form, repeated or comma-separated: one list, in catalogue order.
      events: ["document.sent", "document.signed", "document.completed"],
      limit: 10,
    });
  });

  it("a well-formed cursor from another list only narrows this one", async () => {
    const query = ZListDeliveriesQuerySchema.parse({ cursor: encodeKeysetCursor({ createdAt: BASE + 1000, id: "msg_zzzz" }) });
    const page = await listDeliveries(userId, webhookId, query);
    expect(page?.rows.map((r) => r.id)).toEqual(expectedOrder(fixtures.filter((f) => f.createdAt <= BASE + 1000)).slice(0, 25));
  });

  it("another user's webhook or delivery is not found, and their log never shows here", async () => {
    const other = await createTestUser();
    const otherWebhook = await createTestWebhook(other.id, { url: "http://127.0.0.1:9/other", events: TYPES });
    await insertDeliveries(other.id, otherWebhook.id, [
      { id: "msg_other0001", eventId: "evt_other0001", type: "DOCUMENT_SIGNED", status: "failed", createdAt: BASE },
    ]);
    const query = ZListDeliveriesQuerySchema.parse({});
    expect(await listDeliveries(userId, otherWebhook.id, query)).toBeUndefined();
    expect(await listDeliveries(other.id, webhookId, query)).toBeUndefined();
    expect(await getDelivery(userId, "msg_other0001")).toBeUndefined();
    expect(await getDelivery(other.id, fixtureId("msg", 1))).toBeUndefined();
    expect(await visitAll({ search: "msg_other0001" })).toEqual([]);
  });

  it("opens one delivery with every attempt, oldest first", async () => {
    const id = fixtureId("msg", 1);
    await insertAttempts([
      {
        deliveryId: id,
        webhookId,
        startedAt: BASE + 5000,
        status: null,
        error: "connect ECONNREFUSED",
        durationMs: 3,
        attemptNumber: 2,
      },
      { deliveryId: id, webhookId, startedAt: BASE + 1000, status: 500, durationMs: 40, attemptNumber: 1 },
    ]);
    const detail = await getDelivery(userId, id);
    expect(detail).toMatchObject({
      id,
      webhookId,
      eventType: "document.sent",
      state: "failed",
      attemptCount: 8,
      maxAttempts: 8,
    });
    expect(detail?.attempts.map((a) => a.attemptNumber)).toEqual([1, 2]);
    expect(detail?.attempts[0]).toMatchObject({
      responseStatus: 500,
      succeeded: false,
      durationMs: 40,
      requestHeaders: { "content-type": "application/json" },
      responseHeaders: { "content-type": "text/plain" },
      trigger: "scheduled",
    });
    expect(detail?.attempts[1]).toMatchObject({ responseStatus: null, responseHeaders: null, error: "connect ECONNREFUSED" });
  });
});
