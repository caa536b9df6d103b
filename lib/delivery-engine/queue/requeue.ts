import { sql } from "kysely";
import { getDb } from "@/db";
import type { DeliveryStatus } from "@/db/types";
import type { RequeueRequest } from "@/lib/delivery-engine/queue/queue";
import { isWaitingSql } from "@/lib/delivery-log/status-groups";

// Resend and Recover's write, the same SQL on both databases: an extra, manual attempt due at
// once, free of any stale lease, that leaves the automatic schedule where it was. A waiting
// delivery keeps its state and its count, and `resume_at` keeps when its next scheduled
// attempt is due, for the worker to put back if the manual attempt fails; a finished one waits
// as Pending and, if the attempt fails, is Failed (its schedule is over). A second Resend
// before the first one ran changes nothing of that. Column references on the right of an
// UPDATE read the row as it was, on both databases.

/** Rows per UPDATE, so no statement holds the write lock for long. */
const BATCH_SIZE = 500;

/** Requeues, then wakes workers with the queue's own `wake` when anything was requeued. */
export async function requeueDeliveries(
  { userId, ids, onlyIn }: RequeueRequest,
  now: number,
  wake: () => Promise<void>,
): Promise<number> {
  let requeued = 0;
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    let update = getDb()
      .updateTable("deliveries")
      .set({
        status: sql<DeliveryStatus>`case when ${isWaitingSql()} then status else 'pending' end`,
        resume_at: sql<number | null>`case when next_trigger is not null then resume_at
          when ${isWaitingSql()} then next_attempt_at else null end`,
        next_attempt_at: now,
        next_trigger: "manual" as const,
        locked_until: null,
        updated_at: now,
      })
      .where("id", "in", ids.slice(start, start + BATCH_SIZE))
      .where("user_id", "=", userId)
      // Not being sent right now: clearing a live lease would send it twice at the same time.
      // The check sits in the UPDATE itself, so a claim racing this cannot slip between.
      .where((eb) =>
        eb.or([
          eb("status", "in", ["delivered", "failed", "cancelled"]),
          eb("locked_until", "is", null),
          eb("locked_until", "<=", now),
        ]),
      );
    // Recover: still recoverable, and not queued by hand meanwhile.
    if (onlyIn) update = update.where("status", "in", [...onlyIn]).where("next_trigger", "is", null);
    const result = await update.executeTakeFirst();
    requeued += Number(result.numUpdatedRows);
  }
  if (requeued > 0) await wake();
  return requeued;
}
