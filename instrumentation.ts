// Starts the delivery worker inside `next start`, so one process is the whole product.
// Not in the edge runtime, not during `next build`, and not when WORKER_IN_WEB=0 leaves
// delivery to standalone `npm run worker` processes.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { isWorkerDisabledInWeb } = await import("@/lib/config");
  const { printStartupSummary } = await import("@/lib/startup-summary");
  if (isWorkerDisabledInWeb()) {
    printStartupSummary("web");
    return;
  }
  const { migrateToLatest } = await import("@/db");
  await migrateToLatest();
  printStartupSummary("web");
  const { startProcessWorker, startProcessMaintenance, drainOnShutdown } = await import("@/lib/delivery-engine/run-in-process");
  const worker = startProcessWorker();
  const maintenance = startProcessMaintenance();
  drainOnShutdown({ stop: () => Promise.all([maintenance.stop(), worker.stop()]).then(() => undefined) });
}
