import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

// One Database type for every table. Times are unix milliseconds (bigint on Postgres, integer
// on SQLite) and booleans are 0/1 integers, so the same queries run unchanged on both.

export type UsersTable = {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  created_at: number;
};

export type ApiTokensTable = {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token, hex: the token itself is shown once and never stored. */
  token_hash: string;
  /** First characters of the token, so the user can tell tokens apart. */
  token_prefix: string;
  /** What the token may do: 'read' answers GETs only; 'write' (the default) everything. */
  scope: ColumnType<ApiTokenScope, ApiTokenScope | undefined, ApiTokenScope>;
  created_at: number;
  last_used_at: number | null;
};

export type ApiTokenScope = "read" | "write";

export type WebhooksTable = {
  id: string;
  user_id: string;
  url: string;
  /** JSON array of wire event names, e.g. ["DOCUMENT_SIGNED"]. */
  events: string;
  /** AES-256-GCM sealed secret (lib/crypto/encryption.ts), null when the webhook has none. */
  secret_encrypted: string | null;
  /** After a rotation the old secret still signs until previous_secret_expires_at. */
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: number | null;
  enabled: number;
  disabled_reason: string | null;
  /** When the system disabled it (auto-disable, 410 Gone); null when enabled or disabled by hand. */
  disabled_at: number | null;
  /** 1: also send the plain secret in X-Documenso-Secret, as Documenso does. */
  send_secret_header: ColumnType<number, number | undefined, number>;
  /** 1: payloads keep recipients' signing tokens (stripped otherwise). */
  include_recipient_tokens: ColumnType<number, number | undefined, number>;
  /** JSON array of { name, value } with each value sealed (lib/crypto/encryption.ts); null when none. */
  custom_headers: string | null;
  /** Attempts a second at most, across every worker; null: no limit of its own. */
  rate_limit_per_second: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: number;
  updated_at: number;
};

export type EventsTable = {
  id: string;
  user_id: string;
  /** Wire name, e.g. DOCUMENT_SIGNED. */
  type: string;
  /** The document's JSON text as the caller sent it, minus recipients' signing tokens. */
  payload: string;
  /**
   * The text as sent, tokens included, sealed; only when it had tokens and a webhook that
   * wants them was subscribed when the event arrived. Null otherwise.
   */
  payload_with_tokens: string | null;
  idempotency_key: string | null;
  created_at: number;
};

export type DeliveryStatus = "pending" | "retrying" | "delivered" | "failed" | "cancelled";

export type DeliveriesTable = {
  /** Also the Standard Webhooks message id (`webhook-id`), stable across retries. */
  id: string;
  event_id: string;
  webhook_id: string;
  user_id: string;
  /** The event's wire name (events.type), copied here so the log filters by it on one index. */
  event_type: string;
  status: DeliveryStatus;
  /** Attempts of the automatic schedule made so far (the "2" of "2 of 8"). */
  attempt_count: ColumnType<number, number | undefined, number>;
  /** Manual and test attempts made so far; they never move the schedule. */
  manual_attempt_count: ColumnType<number, number | undefined, number>;
  next_attempt_at: number;
  /**
   * While a manual attempt is queued on a waiting delivery, when its next scheduled attempt
   * was due (next_attempt_at then says "now"); null otherwise.
   */
  resume_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** Lease: a worker owns the row until then; an expired lease means anyone may claim it. */
  locked_until: number | null;
  last_status_code: number | null;
  last_error: string | null;
  /** What the next attempt is logged as ('manual' after Resend, 'test'); null: 'scheduled'. */
  next_trigger: Exclude<AttemptTrigger, "scheduled"> | null;
  created_at: number;
  updated_at: number;
};

export type AttemptTrigger = "scheduled" | "manual" | "test";

export type DeliveryAttemptsTable = {
  id: string;
  delivery_id: string;
  webhook_id: string;
  attempt_number: number;
  trigger: AttemptTrigger;
  request_url: string;
  /** JSON object of the headers sent. */
  request_headers: string;
  /**
   * Null when the body sent is the plain build from the event and request_url (rebuilt on
   * read: loggedRequestBody); the logged text when it cannot be rebuilt (recipients' tokens, masked).
   */
  request_body: string | null;
  response_status: number | null;
  response_headers: string | null;
  /** Cut at 64 KiB. */
  response_body: string | null;
  duration_ms: number;
  error: string | null;
  succeeded: number;
  started_at: number;
};

/** An Idempotency-Key of POST /api/v1/webhooks and the webhook it created, kept 24 h. */
export type WebhookIdempotencyKeysTable = {
  user_id: string;
  key: string;
  webhook_id: string;
  /** SHA-256 hex of the request body: the same key with another body is refused. */
  request_hash: string;
  created_at: number;
};

/** A signed-in browser: its session cookie names this row, and signing out deletes it. */
export type SessionsTable = {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
};

/** A token bucket (lib/http/rate-limit/take-tokens.ts); one token is `perMs` units. */
export type RateLimitBucketsTable = {
  key: string;
  units: number;
  /** Tokens the last take got, read back with RETURNING. */
  granted: number;
  updated_at: number;
};

/** lib/delivery-log/rollup.ts: l0..l15 count attempts per latency bucket. */
export type WebhookMinuteStatsTable = {
  webhook_id: string;
  minute: number;
  attempts: number;
  attempts_ok: number;
  /** Deliveries that reached Delivered in this minute (a resent one that arrives again counts again). */
  delivered: number;
  /** Deliveries that reached Failed (gave up) in this minute. */
  failed: number;
} & Record<`l${number}`, number>;

export type Database = {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
  events: EventsTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  sessions: SessionsTable;
  rate_limit_buckets: RateLimitBucketsTable;
  webhook_idempotency_keys: WebhookIdempotencyKeysTable;
  webhook_minute_stats: WebhookMinuteStatsTable;
};

export type User = Selectable<UsersTable>;
export type Webhook = Selectable<WebhooksTable>;
export type NewWebhook = Insertable<WebhooksTable>;
export type WebhookUpdate = Updateable<WebhooksTable>;
export type EventRow = Selectable<EventsTable>;
export type Delivery = Selectable<DeliveriesTable>;
export type DeliveryAttempt = Selectable<DeliveryAttemptsTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type { Generated };
