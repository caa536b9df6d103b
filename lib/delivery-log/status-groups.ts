import { sql } from "kysely";
import type { DeliveryStatus } from "@/db/types";
import { type DeliveryStateName, deliveryState } from "@/lib/delivery-log/delivery-states";

// Status groups as SQL literals, not bound parameters: SQLite uses a partial index only when
// the query repeats the index's WHERE term literally (migration 2026-11-27T01-00-00), and the
// text must match it: "status" in ('pending', 'retrying'). A single state narrows its group
// with a second term (`and "status" = 'retrying'`), so it still reads the group's index.

/** Waiting for an attempt (Pending and Failing): the claim and the backlog. */
export const WAITING_STATUSES = ["pending", "retrying"] as const;
/** Will not arrive by itself (Failed and Cancelled). */
export const UNDELIVERED_STATUSES = ["failed", "cancelled"] as const;
export const FINAL_STATUSES = ["delivered", "failed", "cancelled"] as const;

export function isWaitingStatus(status: DeliveryStatus): boolean {
  return (WAITING_STATUSES as readonly DeliveryStatus[]).includes(status);
}

export function isWaitingSql(column = "status") {
  return sql<boolean>`${sql.ref(column)} in ('pending', 'retrying')`;
}

export function isUndeliveredSql(column = "status") {
  return sql<boolean>`${sql.ref(column)} in ('failed', 'cancelled')`;
}

export function isFinalSql(column = "status") {
  return sql<boolean>`${sql.ref(column)} in ('delivered', 'failed', 'cancelled')`;
}

const GROUPS = [
  { members: WAITING_STATUSES as readonly DeliveryStatus[], sql: isWaitingSql },
  { members: UNDELIVERED_STATUSES as readonly DeliveryStatus[], sql: isUndeliveredSql },
];

/**
 * Deliveries in one state (delivery-states.ts): its statuses, inside the group whose partial
 * index holds them, e.g. `"status" in ('pending', 'retrying') and "status" in ('retrying')`.
 */
export function isInStateSql(name: DeliveryStateName, column = "status") {
  const { statuses } = deliveryState(name);
  const own = sql<boolean>`${sql.ref(column)} in (${sql.join(statuses.map((status) => sql.lit(status)))})`;
  const group = GROUPS.find(({ members }) => statuses.every((status) => members.includes(status)));
  return group ? sql<boolean>`${group.sql(column)} and ${own}` : own;
}
