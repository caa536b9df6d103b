import { deleteExpiredSessions } from "@/lib/auth/session-store";
import { maintenanceConfig } from "@/lib/config";
import { deleteInBatches } from "@/lib/delivery-engine/maintenance/delete-in-batches";
import { pruneIdleBuckets } from "@/lib/http/rate-limit/take-tokens";

export type ExpiredCounts = { sessions: number; buckets: number };

export type PruneExpiredOptions = { now?: number; idleBucketMs?: number; batchSize?: number };

/**
 * Deletes rows that no longer mean anything: sessions past their expiry (a sign-in only
 * drops its own user's) and rate-limit / sign-in throttle buckets idle long enough to be full
 * again (a bucket is otherwise kept for every API token and client address ever seen).
 */
export async function pruneExpired({
  now = Date.now(),
  idleBucketMs = maintenanceConfig.idleBucketMs(),
  batchSize = 1_000,
}: PruneExpiredOptions = {}): Promise<ExpiredCounts> {
  const sessions = await deleteInBatches(batchSize, () => deleteExpiredSessions(now, batchSize));
  const buckets = await deleteInBatches(batchSize, () => pruneIdleBuckets(idleBucketMs, now, batchSize));
  return { sessions, buckets };
}
