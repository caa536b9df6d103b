import { CompiledQuery, type Transaction } from "kysely";
import { getDialect, getEngineDb } from "@/db";
import type { Database, DeliveryAttempt, DeliveryStatus } from "@/db/types";
import { isDatabaseUnavailable, noteDatabaseAvailable, noteDatabaseUnavailable } from "@/db/unavailable";
import { Backoff } from "@/lib/delivery-engine/backoff";
import { CANCELLED_STATUS_SQL } from "@/lib/delivery-engine/cancelled-status";
import { withSqliteStatements } from "@/lib/delivery-engine/claim-deliveries";
import { addAttemptsToRollupPg, addAttemptsToRollupSqlite, type RollupOutcome } from "@/lib/delivery-log/rollup";
import { log } from "@/lib/log";
import { logUnexpectedError } from "@/lib/log-unexpected-error";

// Finished attempts are written in groups: one transaction logs every attempt of the group
// and moves its deliveries on. No query builder per row: on Postgres each statement is one
// multi-row VALUES list with bound parameters, built as text; on SQLite cached prepared
// statements (claim-deliveries.ts) run row by row inside one transaction.

/** One row of the delivery log, exactly as stored. */
export type AttemptRecord = DeliveryAttempt;

export type DeliveryUpdate = {
  id: string;
  /** Not written: the rollup counts the delivery under it when it reaches Delivered or Failed. */
  webhook_id: string;
  /** The lease of the claim: a row another worker has claimed since is left alone. */
  lease: number;
  status: DeliveryStatus;
  attempt_count: number;
  manual_attempt_count: number;
  next_attempt_at: number;
  last_status_code: number | null;
  last_error: string | null;
};

/** Hands a claimed row back unattempted, due again at next_attempt_at. */
export type DeliveryRelease = { id: string; lease: number; next_attempt_at: number };

/** Not sent: its webhook was disabled after the delivery was queued (cancelled-status.ts). */
export type DeliveryCancel = { id: string; lease: number; reason: string };

export type ResultGroup = {
  attempts: AttemptRecord[];
  updates: DeliveryUpdate[];
  releases: DeliveryRelease[];
  cancels: DeliveryCancel[];
  /** Webhooks whose endpoint answered 410 Gone. */
  goneWebhookIds: string[];
};

export const GONE_REASON = "Endpoint returned 410 Gone";

type PgType = "text" | "int" | "bigint";
type Columns<T> = readonly (readonly [keyof T & string, PgType])[];

const ATTEMPT_COLUMNS: Columns<AttemptRecord> = [
  ["id", "text"],
  ["delivery_id", "text"],
  ["webhook_id", "text"],
  ["attempt_number", "int"],
  ["trigger", "text"],
  ["request_url", "text"],
  ["request_headers", "text"],
  ["request_body", "text"],
  ["response_status", "int"],
  ["response_headers", "text"],
  ["response_body", "text"],
  ["duration_ms", "int"],
  ["error", "text"],
  ["succeeded", "int"],
  ["started_at", "bigint"],
];
const UPDATE_COLUMNS: Columns<DeliveryUpdate> = [
  ["id", "text"],
  ["lease", "bigint"],
  ["status", "text"],
  ["attempt_count", "int"],
  ["manual_attempt_count", "int"],
  ["next_attempt_at", "bigint"],
  ["last_status_code", "int"],
  ["last_error", "text"],
];
const RELEASE_COLUMNS: Columns<DeliveryRelease> = [
  ["id", "text"],
  ["lease", "bigint"],
  ["next_attempt_at", "bigint"],
];
const CANCEL_COLUMNS: Columns<DeliveryCancel> = [
  ["id", "text"],
  ["lease", "bigint"],
  ["reason", "text"],
];

/** Bound values per statement: under Postgres's 65,535. */
const MAX_PARAMS = 30_000;

export function isEmptyGroup(group: ResultGroup): boolean {
  return (
    group.attempts.length + group.updates.length + group.releases.length + group.cancels.length + group.goneWebhookIds.length ===
    0
  );
}

export async function writeResults(group: ResultGroup, now = Date.now()): Promise<void> {
  if (isEmptyGroup(group)) return;
  const at = Math.trunc(now);
  if (getDialect() === "sqlite") return writeResultsSqlite(group, at);
  // The rows of a `v` table (WITH v(columns) AS (VALUES ...)) joined to deliveries by id, and
  // only while the lease is still ours: a row another worker claimed since is left alone.
  const mine = "deliveries.id = v.id and deliveries.locked_until = v.lease";
  await getEngineDb()
    .transaction()
    .execute(async (trx) => {
      // No wait for the WAL flush: a result lost in a server crash leaves its lease to lapse
      // and the delivery is sent again, which at-least-once already allows (docs/decisions.md).
      await trx.executeQuery(CompiledQuery.raw("set local synchronous_commit = off"));
      await runValues(
        trx,
        group.attempts,
        ATTEMPT_COLUMNS,
        false,
        (values) => `insert into delivery_attempts (${names(ATTEMPT_COLUMNS)}) ${values}`,
      );
      const updated = await runValues(
        trx,
        group.updates,
        UPDATE_COLUMNS,
        true,
        (values) =>
          `with v(${names(UPDATE_COLUMNS)}) as (${values})
        update deliveries set status = v.status, attempt_count = v.attempt_count,
          manual_attempt_count = v.manual_attempt_count, next_attempt_at = v.next_attempt_at, locked_until = null,
          last_status_code = v.last_status_code, last_error = v.last_error, next_trigger = null, resume_at = null,
          updated_at = ${at}
        from v where ${mine} returning deliveries.id`,
      );
      const applied = new Set(updated.map((row) => (row as { id: string }).id));
      await runValues(
        trx,
        group.releases,
        RELEASE_COLUMNS,
        true,
        (values) =>
          `with v(${names(RELEASE_COLUMNS)}) as (${values})
        update deliveries set locked_until = null, next_attempt_at = v.next_attempt_at, updated_at = ${at} from v where ${mine}`,
      );
      const cancelled = await runValues(
        trx,
        group.cancels,
        CANCEL_COLUMNS,
        true,
        (values) =>
          `with v(${names(CANCEL_COLUMNS)}) as (${values})
        update deliveries set status = ${CANCELLED_STATUS_SQL}, locked_until = null, last_error = v.reason,
          next_trigger = null, resume_at = null, updated_at = ${at} from v where ${mine}
        returning deliveries.webhook_id, deliveries.status`,
      );
      const outcomes = [
        ...outcomesOf(
          group.updates.filter((u) => applied.has(u.id)),
          at,
        ),
        ...outcomesOf(cancelled as Moved[], at),
      ];
      await addAttemptsToRollupPg(trx, group.attempts, outcomes);
      if (group.goneWebhookIds.length > 0) {
        await trx
          .updateTable("webhooks")
          .set({ enabled: 0, disabled_reason: GONE_REASON, disabled_at: at, updated_at: at })
          .where("id", "in", [...new Set(group.goneWebhookIds)])
          .execute();
      }
    });
}

/** The same on SQLite: cached statements, one row each, in one IMMEDIATE transaction. */
async function writeResultsSqlite(group: ResultGroup, now: number): Promise<void> {
  await withSqliteStatements((raw, statements) => {
    raw
      .transaction(() => {
        for (const a of group.attempts) {
          statements.insertAttempt.run(
            a.id,
            a.delivery_id,
            a.webhook_id,
            a.attempt_number,
            a.trigger,
            a.request_url,
            a.request_headers,
            a.request_body,
            a.response_status,
            a.response_headers,
            a.response_body,
            a.duration_ms,
            a.error,
            a.succeeded,
            a.started_at,
          );
        }
        const applied: Moved[] = [];
        for (const u of group.updates) {
          const { changes } = statements.updateDelivery.run(
            u.status,
            u.attempt_count,
            u.manual_attempt_count,
            u.next_attempt_at,
            u.last_status_code,
            u.last_error,
            now,
            u.id,
            u.lease,
          );
          if (changes > 0) applied.push(u);
        }
        for (const release of group.releases) statements.releaseDelivery.run({ ...release, now });
        for (const cancel of group.cancels) {
          const moved = statements.cancelDelivery.get({ ...cancel, now }) as Moved | undefined;
          if (moved) applied.push(moved);
        }
        for (const id of new Set(group.goneWebhookIds)) statements.disableGoneWebhook.run({ id, reason: GONE_REASON, now });
        addAttemptsToRollupSqlite(raw, group.attempts, outcomesOf(applied, now));
      })
      .immediate();
  });
}

/** A delivery this write moved on (its lease was still ours), with the status it now has. */
type Moved = { webhook_id: string; status: DeliveryStatus };

/**
 * What the rollup counts: the deliveries this write moved to Delivered or Failed (a cancel
 * becomes Failed when the system disabled the webhook), in the minute written. A row another
 * worker claimed since is left to that worker to count.
 */
function outcomesOf(moved: Moved[], at: number): RollupOutcome[] {
  return moved.map((m) => ({ webhook_id: m.webhook_id, status: m.status, at }));
}

function names<T>(columns: Columns<T>): string {
  return columns.map(([name]) => name).join(", ");
}

/**
 * Runs `statement(values)` over the rows in chunks, `values` being `VALUES ($1, $2), ($3, $4)`,
 * cast to the column types when `cast` is set (a WITH table has no column types of its own);
 * answers the rows a RETURNING clause gave back.
 */
async function runValues<T>(
  trx: Transaction<Database>,
  rows: T[],
  columns: Columns<T>,
  cast: boolean,
  statement: (values: string) => string,
): Promise<unknown[]> {
  const returned: unknown[] = [];
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const slots: string[] = [];
      for (const [name, type] of columns) {
        params.push((row as Record<string, unknown>)[name]);
        slots.push(cast ? `$${params.length}::${type}` : `$${params.length}`);
      }
      tuples.push(`(${slots.join(",")})`);
    }
    const result = await trx.executeQuery(CompiledQuery.raw(statement(`values ${tuples.join(",")}`), params));
    returned.push(...result.rows);
  }
  return returned;
}

// Collects what finished attempts produced and writes it in groups, one transaction per group
// rather than per delivery: under load a group fills while the previous one is written.
// While the database cannot be reached, a group is kept and written again (backing off) once
// it answers, so an outage loses no result; a worker stopped or killed meanwhile leaves those
// rows to their leases, which lapse, and the deliveries are sent again (at-least-once).
// A group that fails for any other reason is retried one delivery at a time, so a single bad
// row cannot take its neighbours' results down with it; a row that still fails keeps its
// lease, which expires, and the delivery is tried again.

export type Outcome = {
  attempt?: AttemptRecord;
  update?: DeliveryUpdate;
  release?: DeliveryRelease;
  cancel?: DeliveryCancel;
  goneWebhookId?: string;
};

/** Results wait this long for company before a small group is written anyway. */
const FLUSH_DELAY_MS = 10;
const MAX_GROUP = 2_000;

function toGroup(outcomes: Outcome[]): { group: ResultGroup; earliestDue: number } {
  const group: ResultGroup = { attempts: [], updates: [], releases: [], cancels: [], goneWebhookIds: [] };
  let earliestDue = Infinity;
  for (const outcome of outcomes) {
    if (outcome.attempt) group.attempts.push(outcome.attempt);
    if (outcome.update) {
      group.updates.push(outcome.update);
      if (outcome.update.status === "retrying" && outcome.update.next_attempt_at < earliestDue)
        earliestDue = outcome.update.next_attempt_at;
    }
    if (outcome.release) {
      group.releases.push(outcome.release);
      if (outcome.release.next_attempt_at < earliestDue) earliestDue = outcome.release.next_attempt_at;
    }
    if (outcome.cancel) group.cancels.push(outcome.cancel);
    if (outcome.goneWebhookId) group.goneWebhookIds.push(outcome.goneWebhookId);
  }
  return { group, earliestDue };
}

export class ResultBuffer {
  private pending: Outcome[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private isStopping = false;
  /** Between tries of a group while the database is away. */
  private readonly backoff = new Backoff();

  constructor(
    private readonly groupSize: number,
    /** Told after a write when rows come due again, so the worker can wake for them. */
    private readonly onDue: (dueAt: number) => void,
    /** Told how many outcomes a write settled (committed, or given up on: their leases lapse). */
    private readonly onWritten: (count: number) => void,
  ) {}

  add(outcome: Outcome): void {
    this.pending.push(outcome);
    this.schedule();
  }

  /**
   * Writes everything collected so far (used on shutdown). With the database away it gives
   * up after one more try: those rows' leases lapse and they are claimed again.
   */
  async flushAll(): Promise<void> {
    this.isStopping = true;
    this.backoff.interrupt();
    while (this.flushing || this.pending.length > 0) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }

  private schedule(): void {
    if (this.flushing || this.immediate) return;
    if (this.pending.length >= this.groupSize) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.immediate = setImmediate(() => {
        this.immediate = undefined;
        void this.flush();
      });
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, FLUSH_DELAY_MS);
    }
  }

  private flush(): Promise<void> {
    if (this.flushing || this.pending.length === 0) return this.flushing ?? Promise.resolve();
    clearTimeout(this.timer);
    this.timer = undefined;
    const outcomes = this.pending.length > MAX_GROUP ? this.pending.splice(0, MAX_GROUP) : this.pending.splice(0);
    this.flushing = this.write(outcomes).finally(() => {
      this.flushing = undefined;
      if (this.pending.length > 0) this.schedule();
    });
    return this.flushing;
  }

  private async write(outcomes: Outcome[]): Promise<void> {
    const { group, earliestDue } = toGroup(outcomes);
    try {
      await writeResults(group);
      this.backoff.reset();
      noteDatabaseAvailable();
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        noteDatabaseUnavailable("delivery worker: write results", error);
        if (this.keepForLater(outcomes)) {
          await this.backoff.wait();
          return;
        }
        this.onWritten(outcomes.length);
        return;
      }
      logUnexpectedError(`delivery worker: writing ${outcomes.length} results (retrying one by one)`, error);
      for (const [index, outcome] of outcomes.entries()) {
        try {
          await writeResults(toGroup([outcome]).group);
        } catch (single) {
          if (isDatabaseUnavailable(single)) {
            // Gone in the middle: the rest wait for it like a whole group.
            noteDatabaseUnavailable("delivery worker: write results", single);
            const rest = outcomes.slice(index);
            if (this.keepForLater(rest)) {
              this.onWritten(index);
              await this.backoff.wait();
              return;
            }
            break;
          }
          log.error(
            { deliveryId: outcome.update?.id ?? outcome.release?.id ?? outcome.cancel?.id, reason: (single as Error).message },
            "delivery worker: a result was not written; its delivery is sent again after its lease lapses",
          );
        }
      }
    }
    if (earliestDue !== Infinity) this.onDue(earliestDue);
    this.onWritten(outcomes.length);
  }

  /** Puts outcomes back at the front, to be written when the database answers; false when stopping. */
  private keepForLater(outcomes: Outcome[]): boolean {
    if (this.isStopping) {
      log.warn(
        { results: outcomes.length },
        "delivery worker: stopping with the database away; these deliveries are sent again after their leases lapse",
      );
      return false;
    }
    this.pending.unshift(...outcomes);
    return true;
  }
}
