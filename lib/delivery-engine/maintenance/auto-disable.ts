import { sql } from "kysely";
import { getDb } from "@/db";
import { maintenanceConfig } from "@/lib/config";
import { formatPeriod } from "@/lib/format";

export const AUTO_DISABLE_REASON_PREFIX = "Disabled automatically";

export function autoDisableReason(windowMs: number): string {
  return `${AUTO_DISABLE_REASON_PREFIX}: every delivery failed for ${formatPeriod(windowMs)}`;
}

/**
 * Disables every enabled webhook that has been failing continuously for the whole window
 * (AUTO_DISABLE_AFTER_MS, 5 days), and returns their ids. "Continuously" means:
 * - it had attempts in the window and none of them succeeded, and
 * - the last attempt before the window failed too, so the failing began before the window
 *   (a webhook created, or first called, 2 days ago is not 5 days broken);
 * - and that attempt came after the webhook's last change (updated_at): re-enabling or editing
 *   a webhook restarts the clock, so a re-enabled webhook is not disabled again at once on
 *   the strength of the failures that disabled it.
 * Each condition is one probe of the covering index (webhook_id, started_at, succeeded, …).
 * The worker marks the webhook's waiting deliveries Failed as it reaches them; Recover after
 * re-enabling sends them again.
 */
export async function autoDisableFailingWebhooks(
  now = Date.now(),
  windowMs = maintenanceConfig.autoDisableAfterMs(),
): Promise<string[]> {
  const windowStart = now - windowMs;
  const db = getDb();
  const failing = await db
    .selectFrom("webhooks as w")
    .select("w.id")
    .where("w.enabled", "=", 1)
    .where(({ exists, not, selectFrom }) =>
      exists(
        selectFrom("delivery_attempts as a")
          .select(sql.lit(1).as("one"))
          .whereRef("a.webhook_id", "=", "w.id")
          .where("a.started_at", ">", windowStart)
          .where("a.started_at", "<=", now),
      ).and(
        not(
          exists(
            selectFrom("delivery_attempts as a")
              .select(sql.lit(1).as("one"))
              .whereRef("a.webhook_id", "=", "w.id")
              .where("a.started_at", ">", windowStart)
              .where("a.started_at", "<=", now)
              .where("a.succeeded", "=", 1),
          ),
        ),
      ),
    )
    .where(
      ({ selectFrom }) =>
        selectFrom("delivery_attempts as a")
          .select("a.succeeded")
          .whereRef("a.webhook_id", "=", "w.id")
          .where("a.started_at", "<=", windowStart)
          .whereRef("a.started_at", ">", "w.updated_at")
          .orderBy("a.started_at", "desc")
          .limit(1),
      "=",
      0,
    )
    .execute();
  if (failing.length === 0) return [];

  const ids = failing.map((row) => row.id);
  for (let start = 0; start < ids.length; start += 500) {
    // enabled = 1 again: a webhook the user disabled meanwhile keeps their choice and no reason.
    await db
      .updateTable("webhooks")
      .set({ enabled: 0, disabled_reason: autoDisableReason(windowMs), disabled_at: now, updated_at: now })
      .where("id", "in", ids.slice(start, start + 500))
      .where("enabled", "=", 1)
      .execute();
  }
  return ids;
}
