// Standalone delivery worker (`npm run worker`): migrates, then delivers until SIGTERM/SIGINT,
// when it stops claiming, drains what is in flight, hands back the rest and exits.
import { closeDb, getDialect, migrateToLatest } from "@/db";
import { databaseUrl } from "@/lib/config";
import { startMaintenance } from "@/lib/delivery-engine/maintenance/run-maintenance";
import { startDeliveryWorker } from "@/lib/delivery-engine/worker";

async function main() {
  await migrateToLatest();
  const worker = startDeliveryWorker();
  // Auto-disable and retention; every step is idempotent, so N workers may each run it.
  const maintenance = startMaintenance();
  const url = databaseUrl().replace(/\/\/[^@/]*@/, "//***@");
  console.log(`delivery worker started (pid ${process.pid}, ${getDialect()}: ${url})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`delivery worker: ${signal}, draining`);
    await Promise.all([maintenance.stop(), worker.stop()]);
    const stats = worker.stats();
    console.log(`delivery worker stopped: ${JSON.stringify(stats)}`);
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
