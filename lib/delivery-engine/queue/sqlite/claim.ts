import { type ClaimRow, toClaimedDelivery } from "@/lib/delivery-engine/queue/claim-row";
import type { ClaimedDelivery, ClaimedWebhook } from "@/lib/delivery-engine/queue/queue";
import { withSqliteStatements } from "@/lib/delivery-engine/queue/sqlite/statements";

// A single UPDATE takes SQLite's write lock before it reads (BEGIN IMMEDIATE semantics), so
// two processes on one file never claim the same row. Reads deliveries_due_idx.
const CLAIM = `
  update deliveries set locked_until = @leaseUntil
  where id in (
    select id from deliveries
    where status in ('pending', 'retrying') and next_attempt_at <= @now
      and (locked_until is null or locked_until < @now)
    order by next_attempt_at
    limit @limit
  )
  returning id, event_id, webhook_id, attempt_count, manual_attempt_count, next_trigger, resume_at`;
const EVENTS_BY_ID = `select id, type, payload, payload_with_tokens, created_at from events
  where id in (select value from json_each(?))`;
const WEBHOOKS_BY_ID = `
  select id, url, enabled, secret_encrypted, previous_secret_encrypted, previous_secret_expires_at,
    send_secret_header, include_recipient_tokens, custom_headers, rate_limit_per_second
  from webhooks where id in (select value from json_each(?))`;

type Claimed = Pick<
  ClaimRow,
  "id" | "event_id" | "webhook_id" | "attempt_count" | "manual_attempt_count" | "next_trigger" | "resume_at"
>;
type EventRow = { id: string; type: string; payload: string; payload_with_tokens: string | null; created_at: number };

export async function claimSqlite(limit: number, leaseMs: number, now = Date.now()): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const leaseUntil = now + leaseMs;
  const rows = await withSqliteStatements(({ statement }) => {
    const claimed = statement(CLAIM).all({ leaseUntil, now, limit }) as Claimed[];
    if (claimed.length === 0) return [];
    // Fan-out puts one event in many rows: read each event and webhook once, not once per row.
    const events = statement(EVENTS_BY_ID).all(JSON.stringify([...new Set(claimed.map((row) => row.event_id))])) as EventRow[];
    const webhooks = statement(WEBHOOKS_BY_ID).all(
      JSON.stringify([...new Set(claimed.map((row) => row.webhook_id))]),
    ) as (ClaimedWebhook & { id: string })[];
    const eventById = new Map(events.map((event) => [event.id, event]));
    const webhookById = new Map(webhooks.map((webhook) => [webhook.id, webhook]));
    const joined: ClaimRow[] = [];
    for (const row of claimed) {
      const event = eventById.get(row.event_id);
      if (!event) continue; // deleted with its deliveries: nothing left to send
      const webhook = webhookById.get(row.webhook_id);
      joined.push({
        ...row,
        event_type: event.type,
        payload: event.payload,
        payload_with_tokens: event.payload_with_tokens,
        event_created_at: event.created_at,
        url: webhook?.url ?? null,
        enabled: webhook?.enabled ?? null,
        secret_encrypted: webhook?.secret_encrypted ?? null,
        previous_secret_encrypted: webhook?.previous_secret_encrypted ?? null,
        previous_secret_expires_at: webhook?.previous_secret_expires_at ?? null,
        send_secret_header: webhook?.send_secret_header ?? null,
        include_recipient_tokens: webhook?.include_recipient_tokens ?? null,
        custom_headers: webhook?.custom_headers ?? null,
        rate_limit_per_second: webhook?.rate_limit_per_second ?? null,
      });
    }
    return joined;
  });
  return rows.map((row) => toClaimedDelivery(row, leaseUntil));
}
