import { isDatabaseUnavailable, noteDatabaseUnavailable } from "@/db/unavailable";
import { maintenanceConfig } from "@/lib/config";
import { autoDisableFailingWebhooks } from "@/lib/delivery-engine/maintenance/auto-disable";
import { type ExpiredCounts, pruneExpired } from "@/lib/delivery-engine/maintenance/prune-expired";
import { type PruneCounts, pruneRetention } from "@/lib/delivery-engine/maintenance/prune-retention";
import { log } from "@/lib/log";

export type MaintenanceRun = { disabledWebhookIds: string[]; pruned: PruneCounts; expired: ExpiredCounts };

export type Maintenance = {
  /** Stops scheduling and waits for a run in progress to finish. */
  stop(): Promise<void>;
};

export type MaintenanceOptions = {
  intervalMs?: number;
  /** Called after each run (logs, tests). */
  onRun?: (run: MaintenanceRun) => void;
};

/**
 * One pass: auto-disable first (it reads attempts that retention may delete), then retention,
 * then expired sessions and idle rate-limit buckets.
 */
export async function runMaintenanceOnce(now = Date.now()): Promise<MaintenanceRun> {
  const disabledWebhookIds = await autoDisableFailingWebhooks(now);
  const pruned = await pruneRetention({ now });
  const expired = await pruneExpired({ now });
  return { disabledWebhookIds, pruned, expired };
}

/**
 * Runs auto-disable, retention and expiry now and then every MAINTENANCE_INTERVAL_MS (60 s) in the
 * worker process. Runs never overlap: the next is scheduled when one ends. Several worker
 * processes may each run it: every step is idempotent and batched.
 */
export function startMaintenance({ intervalMs = maintenanceConfig.intervalMs(), onRun }: MaintenanceOptions = {}): Maintenance {
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  const tick = () => {
    timer = undefined;
    current = runMaintenanceOnce()
      .then((run) => {
        if (run.disabledWebhookIds.length > 0) {
          log.warn({ webhookIds: run.disabledWebhookIds }, "maintenance: disabled webhooks that kept failing");
        }
        onRun?.(run);
      })
      .catch((error: unknown) => {
        // The database away is the outage already logged once; the next run retries.
        if (isDatabaseUnavailable(error)) noteDatabaseUnavailable("maintenance", error);
        else log.error({ err: { message: (error as Error).message }, retryInMs: intervalMs }, "maintenance run failed");
      })
      .finally(() => {
        current = undefined;
        if (!isStopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);

  return {
    async stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
