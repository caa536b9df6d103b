import { sql } from "kysely";
import { getDb } from "@/db";
import { maintenanceConfig } from "@/lib/config";
import { deleteInBatches } from "@/lib/delivery-engine/maintenance/delete-in-batches";
import { MINUTE_MS } from "@/lib/delivery-log/rollup";
import { isFinalSql } from "@/lib/delivery-log/status-groups";

export type PruneCounts = { attempts: number; deliveries: number; events: number; rollupMinutes: number };

export type PruneOptions = { now?: number; retentionMs?: number; batchSize?: number };

/**
 * Deletes what is older than the retention (RETENTION_MS, 30 days): attempts by their start,
 * deliveries that are final and untouched since (updated_at: a delivery resent last week keeps
 * its log), events left without deliveries, and the per-minute rollup rows of minutes that
 * ended before the cutoff. Always in batches of `batchSize` ids per statement, each its own
 * short transaction (delete-in-batches.ts). Attempts, deliveries and rollup rows are walked per
 * webhook, along the (webhook_id, time) indexes they already have.
 */
export async function pruneRetention({
  now = Date.now(),
  retentionMs = maintenanceConfig.retentionMs(),
  batchSize = 1_000,
}: PruneOptions = {}): Promise<PruneCounts> {
  const db = getDb();
  const cutoff = now - retentionMs;
  const counts: PruneCounts = { attempts: 0, deliveries: 0, events: 0, rollupMinutes: 0 };

  const webhookIds = (await db.selectFrom("webhooks").select("id").orderBy("id").execute()).map((row) => row.id);
  for (const webhookId of webhookIds) {
    counts.attempts += await deleteInBatches(batchSize, () =>
      db
        .deleteFrom("delivery_attempts")
        .where("id", "in", (eb) =>
          eb
            .selectFrom("delivery_attempts")
            .select("id")
            .where("webhook_id", "=", webhookId)
            .where("started_at", "<", cutoff)
            .limit(batchSize),
        )
        .executeTakeFirst()
        .then(deletedRows),
    );
    counts.deliveries += await deleteInBatches(batchSize, () =>
      db
        .deleteFrom("deliveries")
        .where("id", "in", (eb) =>
          eb
            .selectFrom("deliveries")
            .select("id")
            .where("webhook_id", "=", webhookId)
            .where("created_at", "<", cutoff)
            .where("updated_at", "<", cutoff)
            .where(isFinalSql())
            .limit(batchSize),
        )
        .executeTakeFirst()
        .then(deletedRows),
    );
    // A minute's row goes once the whole minute is older than the cutoff.
    counts.rollupMinutes += await deleteInBatches(batchSize, () =>
      db
        .deleteFrom("webhook_minute_stats")
        .where("webhook_id", "=", webhookId)
        .where("minute", "in", (eb) =>
          eb
            .selectFrom("webhook_minute_stats")
            .select("minute")
            .where("webhook_id", "=", webhookId)
            .where("minute", "<=", cutoff - MINUTE_MS)
            .limit(batchSize),
        )
        .executeTakeFirst()
        .then(deletedRows),
    );
  }

  // Old events still referenced by a delivery (one waiting, or one kept above) stay; the walk
  // goes forward by created_at so kept ones are read once, not once per batch.
  let after: { createdAt: number; id: string } | undefined;
  for (;;) {
    const page = await db
      .selectFrom("events")
      .select(["id", "created_at"])
      .where("created_at", "<", cutoff)
      .$if(after !== undefined, (qb) =>
        qb.where((eb) => eb(eb.refTuple("created_at", "id"), ">", eb.tuple(after!.createdAt, after!.id))),
      )
      .orderBy("created_at")
      .orderBy("id")
      .limit(batchSize)
      .execute();
    if (page.length === 0) break;
    const result = await db
      .deleteFrom("events")
      .where(
        "id",
        "in",
        page.map((row) => row.id),
      )
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("deliveries as d").select(sql.lit(1).as("one")).whereRef("d.event_id", "=", "events.id"))),
      )
      .executeTakeFirst();
    counts.events += Number(result.numDeletedRows);
    const last = page[page.length - 1];
    after = { createdAt: Number(last.created_at), id: last.id };
    if (page.length < batchSize) break;
  }
  return counts;
}

function deletedRows(result: { numDeletedRows: bigint }): number {
  return Number(result.numDeletedRows);
}
