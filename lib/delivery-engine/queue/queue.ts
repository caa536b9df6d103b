import type { Insertable, Kysely } from "kysely";
import { getDialect } from "@/db";
import type { Database, DeliveriesTable, DeliveryAttempt, DeliveryStatus } from "@/db/types";
import { postgresQueue } from "@/lib/delivery-engine/queue/postgres";
import { sqliteQueue } from "@/lib/delivery-engine/queue/sqlite";

// The delivery queue: the only way the worker, ingestion, test events and the log's
// Resend/Recover move a delivery through its life. The database is the record: a delivery row
// is written by enqueue and stays the truth about it, whatever carries the work between
// processes. One implementation per database (sqlite/, postgres/), one file per operation;
// a broker-backed one would implement the same type (docs/architecture.md, "A broker-backed
// queue").
//
// What every implementation guarantees:
// - Lease: claim gives a row to one worker until `lease_until`; nobody else claims it before
//   then. Leases are never renewed: a worker that dies lets them lapse and the rows are claimed
//   again, so delivery is at-least-once.
// - "Only while the lease is ours": every settle operation on a claimed row changes it only if
//   its lease is still the one the claim returned. A row another worker claimed since (after
//   this lease lapsed) is left alone, and its outcome is not counted twice.

export type ClaimedWebhook = {
  url: string;
  enabled: number;
  secret_encrypted: string | null;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: number | null;
  send_secret_header: number;
  include_recipient_tokens: number;
  custom_headers: string | null;
  /** Attempts a second at most, across every worker; null for none of its own. */
  rate_limit_per_second: number | null;
};

export type ClaimedDelivery = {
  id: string;
  event_id: string;
  webhook_id: string;
  /** Attempts of the automatic schedule so far; manual and test ones are counted apart. */
  attempt_count: number;
  manual_attempt_count: number;
  /** How this attempt is logged: 'manual' after a Resend, 'test' for a test event. */
  trigger: "scheduled" | "manual" | "test";
  /** For a manual or test attempt: when the schedule's next attempt is due, null if none. */
  resume_at: number | null;
  event_type: string;
  /** The stored payload JSON text: spliced into the body as is, never re-parsed. */
  payload: string;
  /** The sealed text with recipients' tokens, read only for a webhook that wants them. */
  payload_with_tokens: string | null;
  event_created_at: number;
  /** Null when the webhook was deleted after the delivery was queued. */
  webhook: ClaimedWebhook | null;
  /** The lease this claim holds; results are written only while it is still ours. */
  lease_until: number;
};

/** A fresh outbox row, as newDeliveryRow makes it. */
export type NewDelivery = Insertable<DeliveriesTable>;

/** One row of the delivery log, exactly as stored. */
export type AttemptRecord = DeliveryAttempt;

/** The delivery after an attempt: its counts and what the endpoint answered. */
export type AttemptedDelivery = {
  id: string;
  /** Not written: the rollup counts the delivery under it when it reaches Delivered or Failed. */
  webhook_id: string;
  /** The lease of the claim. */
  lease: number;
  attempt_count: number;
  manual_attempt_count: number;
  last_status_code: number | null;
  last_error: string | null;
};

/** Retrying: due again at next_attempt_at. */
export type RescheduledDelivery = AttemptedDelivery & { next_attempt_at: number };

/** Handed back unattempted, due again at next_attempt_at. */
export type DeliveryRelease = { id: string; lease: number; next_attempt_at: number };

/** Not sent: its webhook was disabled after the delivery was queued (cancelled-status.ts). */
export type DeliveryCancel = { id: string; lease: number; reason: string };

/**
 * What a group of finished claims did, settled in ONE transaction with the attempt log and the
 * minute rollup (counting only the rows whose lease was still ours), so the log, the rows and
 * the figures never disagree. Each list is one statement on Postgres (per chunk), none when
 * empty.
 */
export type Settlement = {
  /** The attempts, logged whether or not the lease was still ours (they were made). */
  attempts: AttemptRecord[];
  /** Delivered: final, released. */
  completed: AttemptedDelivery[];
  /** Failed an attempt with retries left (or a manual attempt put back on its schedule). */
  rescheduled: RescheduledDelivery[];
  /** Failed for good: no retries left, or 410 Gone. */
  failed: AttemptedDelivery[];
  /** Claimed but not attempted: due again at the given time, no attempt counted. */
  released: DeliveryRelease[];
  /** Not sent because the webhook was disabled: Cancelled, or Failed if the system disabled it. */
  cancelled: DeliveryCancel[];
  /** Webhooks whose endpoint answered 410 Gone: disabled in the same transaction. */
  goneWebhookIds: string[];
};

export type RequeueRequest = {
  userId: string;
  ids: readonly string[];
  /**
   * Recover: only rows still in one of these statuses and not already queued by hand.
   * Without it (Resend) any status is requeued.
   */
  onlyIn?: readonly DeliveryStatus[];
};

export type QueueListener = { close(): Promise<void> };

export type DeliveryQueue = {
  /**
   * Writes the outbox rows inside the caller's transaction, so they exist exactly when the
   * caller's other rows (the event) do. Workers of other processes are told when it commits.
   */
  enqueue(trx: Kysely<Database>, rows: NewDelivery[]): Promise<void>;
  /** After enqueue's transaction committed: wakes this process's worker. */
  enqueued(ids: readonly string[]): void;
  /**
   * Claims up to `limit` due rows (pending or retrying, due by `now`, no live lease), oldest
   * due first, with a lease until now + leaseMs, read with their event and webhook. Two claims
   * never return the same row while its lease lives.
   */
  claim(limit: number, leaseMs: number, now?: number): Promise<ClaimedDelivery[]>;
  /** Writes a group's outcomes in one transaction, each only while the lease is ours. */
  settle(settlement: Settlement, now?: number): Promise<void>;
  /**
   * Resend/Recover: makes the rows due now as a manual attempt (the schedule kept in
   * resume_at), except rows being sent right now (a live lease on a waiting row), then wakes
   * workers. Answers how many were requeued.
   */
  requeue(request: RequeueRequest, now?: number): Promise<number>;
  /** Wakes every worker (this process's, and other processes' where the store can). */
  wake(): Promise<void>;
  /** Calls `onWake` when work may be due; on Postgres also across processes. */
  listen(onWake: () => void): QueueListener;
};

/** The implementation for the database in use. */
export function getDeliveryQueue(): DeliveryQueue {
  return getDialect() === "postgres" ? postgresQueue : sqliteQueue;
}
