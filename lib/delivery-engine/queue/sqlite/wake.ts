import { onSignalInProcess, signalInProcess } from "@/lib/delivery-engine/queue/in-process-signal";
import type { QueueListener } from "@/lib/delivery-engine/queue/queue";

// SQLite has no cross-process signal: a worker in another process on the same file finds new
// rows at its next poll (DELIVERY_POLL_INTERVAL_MS). In this process the signal is immediate.

export async function wakeSqlite(): Promise<void> {
  signalInProcess();
}

export function listenSqlite(onWake: () => void): QueueListener {
  const unsubscribe = onSignalInProcess(onWake);
  return {
    async close() {
      unsubscribe();
    },
  };
}
