import { type Maintenance, startMaintenance } from "@/lib/delivery-engine/maintenance/run-maintenance";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { log } from "@/lib/log";

// The one worker of a web process (started from instrumentation.ts). Kept on globalThis so a
// second register() (dev reloads, several route bundles) never starts a second worker.

const globalWorker = globalThis as unknown as {
  __docuhooksWorker?: DeliveryWorker;
  __docuhooksMaintenance?: Maintenance;
  __docuhooksDrainInstalled?: boolean;
};

export function startProcessWorker(): DeliveryWorker {
  return (globalWorker.__docuhooksWorker ??= startDeliveryWorker());
}

/** Auto-disable and retention run beside the worker, once per process. */
export function startProcessMaintenance(): Maintenance {
  return (globalWorker.__docuhooksMaintenance ??= startMaintenance());
}

/**
 * SIGTERM/SIGINT: stop the worker (drain, hand back leases) before the server's own handlers
 * close it and exit. Next's handlers are taken over and called after the drain, because they
 * end with process.exit and would cut the drain short.
 */
export function drainOnShutdown(worker: { stop(): Promise<void> }): void {
  if (globalWorker.__docuhooksDrainInstalled) return;
  globalWorker.__docuhooksDrainInstalled = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const serverHandlers = process.listeners(signal);
    for (const handler of serverHandlers) process.off(signal, handler);
    let stopping = false;
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "shutting down: draining deliveries in flight");
      void worker
        .stop()
        .then(() => log.info("delivery worker stopped"))
        .catch((error: Error) => log.error({ err: { message: error.message } }, "delivery worker: stop failed"))
        .finally(() => {
          if (serverHandlers.length === 0) process.exit(0);
          for (const handler of serverHandlers) handler(signal);
        });
    });
  }
}
