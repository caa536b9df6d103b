import { signalInProcess } from "@/lib/delivery-engine/queue/in-process-signal";
import { insertDeliveries } from "@/lib/delivery-engine/queue/insert-deliveries";
import type { DeliveryQueue } from "@/lib/delivery-engine/queue/queue";
import { requeueDeliveries } from "@/lib/delivery-engine/queue/requeue";
import { claimSqlite } from "@/lib/delivery-engine/queue/sqlite/claim";
import { settleSqlite } from "@/lib/delivery-engine/queue/sqlite/settle";
import { listenSqlite, wakeSqlite } from "@/lib/delivery-engine/queue/sqlite/wake";

/** The queue on SQLite: the deliveries table, cached prepared statements, an in-process signal. */
export const sqliteQueue: DeliveryQueue = {
  enqueue: insertDeliveries,
  enqueued: () => signalInProcess(),
  claim: claimSqlite,
  settle: settleSqlite,
  requeue: (request, now = Date.now()) => requeueDeliveries(request, now, wakeSqlite),
  wake: wakeSqlite,
  listen: listenSqlite,
};
