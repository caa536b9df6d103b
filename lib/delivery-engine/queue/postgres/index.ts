import { signalInProcess } from "@/lib/delivery-engine/queue/in-process-signal";
import { claimPostgres } from "@/lib/delivery-engine/queue/postgres/claim";
import { enqueuePostgres } from "@/lib/delivery-engine/queue/postgres/enqueue";
import { settlePostgres } from "@/lib/delivery-engine/queue/postgres/settle";
import { listenPostgres, wakePostgres } from "@/lib/delivery-engine/queue/postgres/wake";
import type { DeliveryQueue } from "@/lib/delivery-engine/queue/queue";
import { requeueDeliveries } from "@/lib/delivery-engine/queue/requeue";

/** The queue on Postgres: the deliveries table, SKIP LOCKED claims, multi-row settles, LISTEN/NOTIFY. */
export const postgresQueue: DeliveryQueue = {
  enqueue: enqueuePostgres,
  // Other processes were told by the NOTIFY that committed with the rows.
  enqueued: () => signalInProcess(),
  claim: claimPostgres,
  settle: settlePostgres,
  requeue: (request, now = Date.now()) => requeueDeliveries(request, now, wakePostgres),
  wake: wakePostgres,
  listen: listenPostgres,
};
