// Standalone delivery worker (`npm run worker`): migrates, then delivers until SIGTERM/SIGINT,
// when it stops claiming, drains what is in flight, hands back the rest and exits.
import { closeDb, migrateToLatest } from "@/db";
import { isDatabaseUnavailable, noteDatabaseAvailable, noteDatabaseUnavailable } from "@/db/unavailable";
import { Backoff } from "@/lib/delivery-engine/backoff";
import { startMaintenance } from "@/lib/delivery-engine/maintenance/run-maintenance";
import { startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { log } from "@/lib/log";
import { printStartupSummary } from "@/lib/startup-summary";

async function main() {
  // Started while the database is away (both restarted together): wait for it, don't exit.
  const backoff = new Backoff();
  for (;;) {
    try {
      await migrateToLatest();
      break;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      noteDatabaseUnavailable("delivery worker: start", error);
      await backoff.wait();
    }
  }
  noteDatabaseAvailable();
  const worker = startDeliveryWorker();
  // Auto-disable and retention; every step is idempotent, so N workers may each run it.
  const maintenance = startMaintenance();
  printStartupSummary("worker");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "delivery worker: stopping, draining deliveries in flight");
    await Promise.all([maintenance.stop(), worker.stop()]);
    log.info({ stats: worker.stats() }, "delivery worker stopped");
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: Error) => {
  log.fatal({ err: { name: error.name, message: error.message, stack: error.stack } }, "delivery worker could not start");
  process.exit(1);
});
