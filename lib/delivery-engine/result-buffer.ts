import {
  type AttemptRecord,
  type DeliveryCancel,
  type DeliveryRelease,
  type DeliveryUpdate,
  type ResultGroup,
  writeResults,
} from "@/lib/delivery-engine/write-results";

// Collects what finished attempts produced and writes it in groups, one transaction per group
// rather than per delivery: under load a group fills while the previous one is written.
// A group that fails to write is retried one delivery at a time, so a single bad row cannot
// take its neighbours' results down with it; a row that still fails keeps its lease, which
// expires, and the delivery is tried again (at-least-once).

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

  /** Writes everything collected so far (used on shutdown). */
  async flushAll(): Promise<void> {
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
    } catch (error) {
      console.error(
        `delivery worker: writing ${outcomes.length} results failed (${(error as Error).message}); retrying one by one`,
      );
      for (const outcome of outcomes) {
        try {
          await writeResults(toGroup([outcome]).group);
        } catch (single) {
          console.error(
            `delivery worker: result of ${outcome.update?.id ?? outcome.release?.id ?? outcome.cancel?.id} not written (${(single as Error).message})`,
          );
        }
      }
    }
    if (earliestDue !== Infinity) this.onDue(earliestDue);
    this.onWritten(outcomes.length);
  }
}
