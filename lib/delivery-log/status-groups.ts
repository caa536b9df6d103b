import { sql } from "kysely";

// Status groups as SQL literals, not bound parameters: SQLite uses a partial index only when
// the query repeats the index's WHERE term literally (migration 2026-11-27T01-00-00), and the
// text must match it: "status" in ('pending', 'retrying').

/** Waiting for an attempt: the "Pending" tab and the backlog. */
export const WAITING_STATUSES = ["pending", "retrying"] as const;
/**
 * Did not arrive and will not by itself: the "Failed" tab and "Recover failed". Cancelled
 * counts as failed: deliveries are cancelled when their webhook was disabled (e.g.
 * automatically), and after re-enabling, those are exactly the ones to recover.
 */
export const UNDELIVERED_STATUSES = ["failed", "cancelled"] as const;
export const FINAL_STATUSES = ["delivered", "failed", "cancelled"] as const;

export function isWaitingSql(column = "status") {
  return sql<boolean>`${sql.ref(column)} in ('pending', 'retrying')`;
}

export function isUndeliveredSql(column = "status") {
  return sql<boolean>`${sql.ref(column)} in ('failed', 'cancelled')`;
}

export function isFinalSql(column = "status") {
  return sql<boolean>`${sql.ref(column)} in ('delivered', 'failed', 'cancelled')`;
}
