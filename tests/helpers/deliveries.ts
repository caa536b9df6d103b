import type { Insertable } from "kysely";
import { getDb } from "@/db";
import type { DeliveriesTable, DeliveryAttemptsTable, DeliveryStatus, EventsTable } from "@/db/types";
import { addLoggedAttemptsToRollup } from "@/lib/delivery-log/rollup";
import type { WireEventName } from "@/lib/webhooks/events";

// Bulk fixtures for the delivery log: rows written straight into the tables with multi-row
// inserts, the state the worker would leave behind, so log, health and maintenance tests
// can set up thousands of rows in a moment.

const ROWS_PER_INSERT = 200;

async function insertInBatches<T extends "events" | "deliveries" | "delivery_attempts">(
  table: T,
  rows: Insertable<T extends "events" ? EventsTable : T extends "deliveries" ? DeliveriesTable : DeliveryAttemptsTable>[],
) {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await getDb()
      .insertInto(table)
      .values(rows.slice(start, start + ROWS_PER_INSERT) as any)
      .execute();
  }
}

export type FixtureDelivery = {
  id: string;
  eventId: string;
  type: WireEventName;
  status: DeliveryStatus;
  createdAt: number;
  attemptCount?: number;
  nextAttemptAt?: number;
  lastStatusCode?: number | null;
  lockedUntil?: number | null;
  updatedAt?: number;
};

/** One event per delivery (ids chosen by the caller), then the deliveries. */
export async function insertDeliveries(userId: string, webhookId: string, deliveries: FixtureDelivery[]): Promise<void> {
  await insertInBatches(
    "events",
    deliveries.map((d) => ({
      id: d.eventId,
      user_id: userId,
      type: d.type,
      payload: "{}",
      idempotency_key: null,
      created_at: d.createdAt,
    })),
  );
  await insertInBatches(
    "deliveries",
    deliveries.map((d) => ({
      id: d.id,
      event_id: d.eventId,
      event_type: d.type,
      webhook_id: webhookId,
      user_id: userId,
      status: d.status,
      attempt_count: d.attemptCount ?? (d.status === "pending" ? 0 : 1),
      next_attempt_at: d.nextAttemptAt ?? d.createdAt,
      locked_until: d.lockedUntil ?? null,
      last_status_code: d.lastStatusCode ?? null,
      last_error: null,
      created_at: d.createdAt,
      updated_at: d.updatedAt ?? d.createdAt,
    })),
  );
  // The engine counts a delivery in the rollup when it reaches Delivered or Failed.
  await addLoggedAttemptsToRollup(
    [],
    deliveries.map((d) => ({ webhook_id: webhookId, status: d.status, at: d.updatedAt ?? d.createdAt })),
  );
}

export type FixtureAttempt = {
  deliveryId: string;
  webhookId: string;
  startedAt: number;
  durationMs?: number;
  status?: number | null;
  error?: string | null;
  attemptNumber?: number;
};

let attemptSeq = 0;
// Per process, so the e2e workers seeding one database never pick the same id.
const attemptTag = Math.random().toString(36).slice(2, 8);

/** Attempts as the worker logs them; succeeded follows the status (2xx). */
export async function insertAttempts(attempts: FixtureAttempt[]): Promise<void> {
  const rows = attempts.map((a) => {
    const status = a.status === undefined ? 200 : a.status;
    return {
      id: `att_fixture${attemptTag}${String(++attemptSeq).padStart(8, "0")}`,
      delivery_id: a.deliveryId,
      webhook_id: a.webhookId,
      attempt_number: a.attemptNumber ?? 1,
      trigger: "scheduled" as const,
      request_url: "http://127.0.0.1:9/hook",
      request_headers: JSON.stringify({ "content-type": "application/json" }),
      request_body: "{}",
      response_status: status,
      response_headers: status === null ? null : JSON.stringify({ "content-type": "text/plain" }),
      response_body: status === null ? null : "ok",
      duration_ms: a.durationMs ?? 10,
      error: a.error ?? null,
      succeeded: status !== null && status >= 200 && status < 300 ? 1 : 0,
      started_at: a.startedAt,
    };
  });
  await insertInBatches("delivery_attempts", rows);
  // The engine writes the rollup with its attempts; fixtures written directly must too.
  await addLoggedAttemptsToRollup(rows);
}

/** Ids that sort the same under every collation (digits only after the prefix). */
export function fixtureId(prefix: "msg" | "evt", n: number, tag = ""): string {
  return `${prefix}_${tag}${String(n).padStart(8, "0")}`;
}
