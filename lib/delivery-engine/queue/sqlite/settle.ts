import { GONE_REASON } from "@/lib/delivery-engine/queue/cancelled-status";
import type { Settlement } from "@/lib/delivery-engine/queue/queue";
import { cancelSqlite } from "@/lib/delivery-engine/queue/sqlite/cancel";
import { completeSqlite } from "@/lib/delivery-engine/queue/sqlite/complete";
import { failSqlite } from "@/lib/delivery-engine/queue/sqlite/fail";
import { releaseSqlite } from "@/lib/delivery-engine/queue/sqlite/release";
import { rescheduleSqlite } from "@/lib/delivery-engine/queue/sqlite/reschedule";
import { withSqliteStatements } from "@/lib/delivery-engine/queue/sqlite/statements";
import { addAttemptsToRollupSqlite } from "@/lib/delivery-log/rollup";

// A group's outcomes in one IMMEDIATE transaction: the attempt log, each operation's cached
// statement row by row, the 410 webhooks, and the rollup of what this write moved.

const INSERT_ATTEMPT = `
  insert into delivery_attempts (id, delivery_id, webhook_id, attempt_number, trigger, request_url, request_headers,
    request_body, response_status, response_headers, response_body, duration_ms, error, succeeded, started_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const DISABLE_GONE_WEBHOOK = "update webhooks set enabled = 0, disabled_reason = ?, disabled_at = ?, updated_at = ? where id = ?";

export async function settleSqlite(s: Settlement, now = Date.now()): Promise<void> {
  const at = Math.trunc(now);
  await withSqliteStatements((handle) => {
    handle.raw
      .transaction(() => {
        if (s.attempts.length > 0) {
          const insert = handle.statement(INSERT_ATTEMPT);
          for (const a of s.attempts) {
            insert.run(
              a.id,
              a.delivery_id,
              a.webhook_id,
              a.attempt_number,
              a.trigger,
              a.request_url,
              a.request_headers,
              a.request_body,
              a.response_status,
              a.response_headers,
              a.response_body,
              a.duration_ms,
              a.error,
              a.succeeded,
              a.started_at,
            );
          }
        }
        const moved = completeSqlite(handle, s.completed, at);
        rescheduleSqlite(handle, s.rescheduled, at);
        moved.push(...failSqlite(handle, s.failed, at));
        releaseSqlite(handle, s.released, at);
        moved.push(...cancelSqlite(handle, s.cancelled, at));
        if (s.goneWebhookIds.length > 0) {
          const disable = handle.statement(DISABLE_GONE_WEBHOOK);
          for (const id of new Set(s.goneWebhookIds)) disable.run(GONE_REASON, at, at, id);
        }
        addAttemptsToRollupSqlite(handle.raw, s.attempts, moved);
      })
      .immediate();
  });
}
