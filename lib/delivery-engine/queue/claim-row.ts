import type { ClaimedDelivery } from "@/lib/delivery-engine/queue/queue";

/** A claimed row joined to its event and webhook, as both databases' claims return it. */
export type ClaimRow = {
  id: string;
  event_id: string;
  webhook_id: string;
  attempt_count: number;
  manual_attempt_count: number;
  next_trigger: "manual" | "test" | null;
  resume_at: number | null;
  event_type: string;
  payload: string;
  payload_with_tokens: string | null;
  event_created_at: number;
  url: string | null;
  enabled: number | null;
  secret_encrypted: string | null;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: number | null;
  send_secret_header: number | null;
  include_recipient_tokens: number | null;
  custom_headers: string | null;
  rate_limit_per_second: number | null;
};

/** The claim's row as the worker uses it (Postgres hands int8 back as numbers, but not every int). */
export function toClaimedDelivery(row: ClaimRow, leaseUntil: number): ClaimedDelivery {
  return {
    id: row.id,
    event_id: row.event_id,
    webhook_id: row.webhook_id,
    attempt_count: Number(row.attempt_count),
    manual_attempt_count: Number(row.manual_attempt_count),
    trigger: row.next_trigger ?? "scheduled",
    resume_at: row.resume_at === null ? null : Number(row.resume_at),
    event_type: row.event_type,
    payload: row.payload,
    payload_with_tokens: Number(row.include_recipient_tokens) === 1 ? row.payload_with_tokens : null,
    event_created_at: Number(row.event_created_at),
    webhook:
      row.url === null
        ? null
        : {
            url: row.url,
            enabled: Number(row.enabled),
            secret_encrypted: row.secret_encrypted,
            previous_secret_encrypted: row.previous_secret_encrypted,
            previous_secret_expires_at: row.previous_secret_expires_at === null ? null : Number(row.previous_secret_expires_at),
            send_secret_header: Number(row.send_secret_header),
            include_recipient_tokens: Number(row.include_recipient_tokens),
            custom_headers: row.custom_headers,
            rate_limit_per_second: row.rate_limit_per_second === null ? null : Number(row.rate_limit_per_second),
          },
    lease_until: leaseUntil,
  };
}
