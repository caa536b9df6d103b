import { getEngineDb } from "@/db";
import { GONE_REASON } from "@/lib/delivery-engine/queue/cancelled-status";
import { cancelPostgres } from "@/lib/delivery-engine/queue/postgres/cancel";
import { completePostgres } from "@/lib/delivery-engine/queue/postgres/complete";
import { failPostgres } from "@/lib/delivery-engine/queue/postgres/fail";
import { releasePostgres } from "@/lib/delivery-engine/queue/postgres/release";
import { reschedulePostgres } from "@/lib/delivery-engine/queue/postgres/reschedule";
import { type Columns, names, runValues } from "@/lib/delivery-engine/queue/postgres/values";
import type { AttemptRecord, Settlement } from "@/lib/delivery-engine/queue/queue";
import { addAttemptsToRollupPg } from "@/lib/delivery-log/rollup";

// A group's outcomes in one transaction: the attempt log, one multi-row statement per
// operation that has rows (an all-delivered group: insert, complete, rollup), the 410
// webhooks, and the rollup of what this write moved.

const ATTEMPT_COLUMNS: Columns<AttemptRecord> = [
  ["id", "text"],
  ["delivery_id", "text"],
  ["webhook_id", "text"],
  ["attempt_number", "int"],
  ["trigger", "text"],
  ["request_url", "text"],
  ["request_headers", "text"],
  ["request_body", "text"],
  ["response_status", "int"],
  ["response_headers", "text"],
  ["response_body", "text"],
  ["duration_ms", "int"],
  ["error", "text"],
  ["succeeded", "int"],
  ["started_at", "bigint"],
];

/**
 * On the engine's pool, whose sessions commit without waiting for the WAL flush (db/index.ts):
 * a result lost in a server crash leaves its lease to lapse and the delivery is sent again.
 */
export async function settlePostgres(s: Settlement, now = Date.now()): Promise<void> {
  const at = Math.trunc(now);
  await getEngineDb()
    .transaction()
    .execute(async (trx) => {
      await runValues(
        trx,
        s.attempts,
        ATTEMPT_COLUMNS,
        false,
        (values) => `insert into delivery_attempts (${names(ATTEMPT_COLUMNS)}) ${values}`,
      );
      const moved = await completePostgres(trx, s.completed, at);
      await reschedulePostgres(trx, s.rescheduled, at);
      moved.push(...(await failPostgres(trx, s.failed, at)));
      await releasePostgres(trx, s.released, at);
      moved.push(...(await cancelPostgres(trx, s.cancelled, at)));
      await addAttemptsToRollupPg(trx, s.attempts, moved);
      if (s.goneWebhookIds.length > 0) {
        await trx
          .updateTable("webhooks")
          .set({ enabled: 0, disabled_reason: GONE_REASON, disabled_at: at, updated_at: at })
          .where("id", "in", [...new Set(s.goneWebhookIds)])
          .execute();
      }
    });
}
