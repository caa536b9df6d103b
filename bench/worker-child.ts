// Ours, as its own process: the product's startDeliveryWorker() on DATABASE_URL, exactly as
// `npm run worker` runs it, so the parent can time it, read its peak RSS from /proc and
// profile it (node --cpu-prof) without the bench's own work in the way.
// Env: DATABASE_URL and the product's DELIVERY_* knobs. A "wake" line from the parent (after
// it bulk-filled the outbox) is the queue's after-commit wake recordEvent() would give; SIGTERM: stop
// (drain), report, exit.
import { closeDb } from "@/db";
import { getDeliveryQueue } from "@/lib/delivery-engine/queue/queue";
import { startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { onParentLine, tellParent } from "./child";

/** CPU time (user + system) this process has used: unlike wall time, barely moved by other load on the machine. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const startedAt = Date.now();
const worker = startDeliveryWorker();
tellParent({ type: "started", at: startedAt });

let stopping = false;
function shutDown() {
  if (stopping) return;
  stopping = true;
  void (async () => {
    await worker.stop();
    await closeDb();
    tellParent({ type: "stopped", stats: worker.stats() });
    // process.exit so that --cpu-prof writes its profile even with sockets still open.
    process.exit(0);
  })();
}

process.on("SIGTERM", shutDown);
onParentLine((line) => {
  if (line === "wake") getDeliveryQueue().enqueued([]);
  if (line === "stats") tellParent({ type: "stats", stats: worker.stats() });
  if (line === "cpu") tellParent({ type: "cpu", ms: cpuMs() });
}, shutDown);
