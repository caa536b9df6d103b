import { sql } from "kysely";
import { getEngineDb } from "@/db";
import { type ClaimRow, toClaimedDelivery } from "@/lib/delivery-engine/queue/claim-row";
import type { ClaimedDelivery } from "@/lib/delivery-engine/queue/queue";

/**
 * One round trip: SKIP LOCKED lets N workers claim disjoint batches without waiting, and the
 * CTE joins the claimed rows to their event and webhook.
 */
export async function claimPostgres(limit: number, leaseMs: number, now = Date.now()): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const leaseUntil = now + leaseMs;
  const { rows } = await sql<ClaimRow>`
    with claimed as (
      update deliveries set locked_until = ${leaseUntil}
      where id in (
        select id from deliveries
        where status in ('pending', 'retrying') and next_attempt_at <= ${now}
          and (locked_until is null or locked_until < ${now})
        order by next_attempt_at
        limit ${limit}
        for update skip locked
      )
      returning id, event_id, webhook_id, attempt_count, manual_attempt_count, next_trigger, resume_at
    )
    select c.id, c.event_id, c.webhook_id, c.attempt_count, c.manual_attempt_count, c.next_trigger, c.resume_at,
      e.type as event_type, e.payload, e.created_at as event_created_at,
      case when w.include_recipient_tokens = 1 then e.payload_with_tokens end as payload_with_tokens,
      w.url, w.enabled, w.secret_encrypted, w.previous_secret_encrypted, w.previous_secret_expires_at,
      w.send_secret_header, w.include_recipient_tokens, w.custom_headers, w.rate_limit_per_second
    from claimed c
    join events e on e.id = c.event_id
    left join webhooks w on w.id = c.webhook_id
  `.execute(getEngineDb());
  return rows.map((row) => toClaimedDelivery(row, leaseUntil));
}
