import { type Bucket, takeTokens } from "@/lib/http/rate-limit/take-tokens";

// A webhook's own rate limit (deliveries a second, set in its form), shared by every worker:
// each attempt spends a token of one database bucket per webhook. A worker takes a tenth of a
// second's tokens in one UPSERT and spends them from memory, so a limited webhook costs about
// ten writes a second however many workers share it. The bucket holds no more than a fifth of
// a second's tokens, so the rate stays even: no one-second burst after a quiet spell.

/** Tokens taken but not spent within this long are dropped, so a worker never hoards them. */
const LEASE_MS = 1_000;
/** Rows a limited webhook keeps waiting in memory, in seconds of its rate; the rest go back. */
const QUEUE_SECONDS = 2;
/** How long before a limited webhook's queue would run dry its handed-back rows come due. */
const RETURN_EARLY_MS = 500;

type Limited<J> = {
  rate: number;
  tokens: number;
  expiresAt: number;
  queue: J[];
  isTaking: boolean;
  timer: NodeJS.Timeout | undefined;
};

export type RateLimitedJob = { webhook_id: string };

export class EndpointRateLimits<J extends RateLimitedJob> {
  private readonly limited = new Map<string, Limited<J>>();

  constructor(
    /** A token was spent for this job: send it. */
    private readonly admit: (job: J) => void,
    /** More rows than a limited webhook can send soon: hand this one back, due at `dueAt`. */
    private readonly deferJob: (job: J, dueAt: number) => void,
    private readonly logTakeError: (error: unknown) => void,
  ) {}

  enqueue(job: J, rate: number, now = Date.now()): void {
    let state = this.limited.get(job.webhook_id);
    if (!state) {
      state = { rate, tokens: 0, expiresAt: 0, queue: [], isTaking: false, timer: undefined };
      this.limited.set(job.webhook_id, state);
    }
    state.rate = rate;
    if (state.queue.length >= Math.max(1, QUEUE_SECONDS * rate)) {
      // Due half a second before the rows ahead of it will have gone, at the webhook's rate, so
      // the claim that brings it back refills the queue before it runs dry.
      const aheadMs = Math.ceil(((state.queue.length + 1) * 1000) / rate);
      this.deferJob(job, now + Math.max(0, aheadMs - RETURN_EARLY_MS));
      return;
    }
    state.queue.push(job);
    this.drain(job.webhook_id, state);
  }

  /** Every waiting row, for a stopping worker to hand back. */
  takeAllWaiting(): J[] {
    const jobs: J[] = [];
    for (const state of this.limited.values()) {
      clearTimeout(state.timer);
      jobs.push(...state.queue.splice(0));
    }
    this.limited.clear();
    return jobs;
  }

  private drain(webhookId: string, state: Limited<J>): void {
    const now = Date.now();
    if (state.expiresAt <= now) state.tokens = 0;
    while (state.queue.length > 0 && state.tokens > 0) {
      state.tokens--;
      this.admit(state.queue.shift()!);
    }
    if (state.queue.length === 0) {
      if (state.tokens === 0 && !state.isTaking && !state.timer) this.limited.delete(webhookId);
      return;
    }
    if (state.isTaking || state.timer) return;
    state.isTaking = true;
    const chunk = chunkFor(state.rate);
    takeTokens(`webhook-rate:${webhookId}`, bucketFor(state.rate), chunk, now)
      .then((take) => {
        state.isTaking = false;
        if (take.granted > 0) {
          state.tokens = take.granted;
          state.expiresAt = now + LEASE_MS;
        } else {
          // Wait for about half a chunk, not the next single token: a write per few tokens.
          this.retryLater(webhookId, state, Math.max(take.retryAfterMs, (chunk * 500) / state.rate));
          return;
        }
        this.drain(webhookId, state);
      })
      .catch((error) => {
        state.isTaking = false;
        this.logTakeError(error);
        this.retryLater(webhookId, state, LEASE_MS);
      });
  }

  private retryLater(webhookId: string, state: Limited<J>, delayMs: number): void {
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.drain(webhookId, state);
    }, delayMs);
  }
}

/** A tenth of a second's tokens (at least one): what a worker takes in one write. */
function chunkFor(rate: number): number {
  return Math.max(1, Math.floor(rate / 10));
}

/**
 * Two chunks' room, refilled at the webhook's rate: workers that come back a little late (a
 * slow write, a timer) find the tokens they missed, and a quiet spell earns no burst beyond
 * a fifth of a second's worth.
 */
function bucketFor(rate: number): Bucket {
  return { capacity: 2 * chunkFor(rate), refill: rate, perMs: 1_000 };
}
