import { isDatabaseUnavailable, noteDatabaseAvailable, noteDatabaseUnavailable } from "@/db/unavailable";
import { Backoff } from "@/lib/delivery-engine/backoff";
import {
  type AttemptedDelivery,
  type AttemptRecord,
  type DeliveryCancel,
  type DeliveryRelease,
  getDeliveryQueue,
  type RescheduledDelivery,
  type Settlement,
} from "@/lib/delivery-engine/queue/queue";
import { log } from "@/lib/log";
import { logUnexpectedError } from "@/lib/log-unexpected-error";

// Collects what finished attempts produced and writes it in groups, one transaction per group
// rather than per delivery: under load a group fills while the previous one is written.
// While the database cannot be reached, a group is kept and written again (backing off) once
// it answers, so an outage loses no result; a worker stopped or killed meanwhile leaves those
// rows to their leases, which lapse, and the deliveries are sent again (at-least-once).
// A group that fails for any other reason is retried one delivery at a time, so a single bad
// row cannot take its neighbours' results down with it; a row that still fails keeps its
// lease, which expires, and the delivery is tried again.

/** What one claimed row came to: at most one of the delivery's moves, and its attempt if one was made. */
export type Outcome = {
  attempt?: AttemptRecord;
  completed?: AttemptedDelivery;
  rescheduled?: RescheduledDelivery;
  failed?: AttemptedDelivery;
  released?: DeliveryRelease;
  cancelled?: DeliveryCancel;
  goneWebhookId?: string;
};

/** Results wait this long for company before a small group is written anyway. */
const FLUSH_DELAY_MS = 10;
const MAX_GROUP = 2_000;

function toSettlement(outcomes: Outcome[]): { settlement: Settlement; earliestDue: number } {
  const settlement: Settlement = {
    attempts: [],
    completed: [],
    rescheduled: [],
    failed: [],
    released: [],
    cancelled: [],
    goneWebhookIds: [],
  };
  let earliestDue = Infinity;
  for (const outcome of outcomes) {
    if (outcome.attempt) settlement.attempts.push(outcome.attempt);
    if (outcome.completed) settlement.completed.push(outcome.completed);
    if (outcome.rescheduled) {
      settlement.rescheduled.push(outcome.rescheduled);
      if (outcome.rescheduled.next_attempt_at < earliestDue) earliestDue = outcome.rescheduled.next_attempt_at;
    }
    if (outcome.failed) settlement.failed.push(outcome.failed);
    if (outcome.released) {
      settlement.released.push(outcome.released);
      if (outcome.released.next_attempt_at < earliestDue) earliestDue = outcome.released.next_attempt_at;
    }
    if (outcome.cancelled) settlement.cancelled.push(outcome.cancelled);
    if (outcome.goneWebhookId) settlement.goneWebhookIds.push(outcome.goneWebhookId);
  }
  return { settlement, earliestDue };
}

function deliveryIdOf(outcome: Outcome): string | undefined {
  return (outcome.completed ?? outcome.rescheduled ?? outcome.failed ?? outcome.released ?? outcome.cancelled)?.id;
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
    const { settlement, earliestDue } = toSettlement(outcomes);
    const queue = getDeliveryQueue();
    try {
      await queue.settle(settlement);
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
          await queue.settle(toSettlement([outcome]).settlement);
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
            { deliveryId: deliveryIdOf(outcome), reason: (single as Error).message },
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
