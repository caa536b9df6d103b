import type { Dispatcher } from "undici";
import { isDatabaseUnavailable, noteDatabaseAvailable, noteDatabaseUnavailable } from "@/db/unavailable";
import { deliveryConfig } from "@/lib/config";
import { Backoff } from "@/lib/delivery-engine/backoff";
import { type BuiltDelivery, buildDelivery } from "@/lib/delivery-engine/build-request";
import {
  type ClaimedDelivery,
  type DeliveryQueue,
  getDeliveryQueue,
  type QueueListener,
} from "@/lib/delivery-engine/queue/queue";
import { EndpointRateLimits } from "@/lib/delivery-engine/rate-limits";
import { ResultBuffer } from "@/lib/delivery-engine/result-buffer";
import { isSuccessStatus, nextStep, nextStepAfterManual } from "@/lib/delivery-engine/retry-policy";
import { type RequestTarget, requestTarget, type SendResult, sendRequest } from "@/lib/delivery-engine/send-request";
import { StalledEndpointDeferrals } from "@/lib/delivery-engine/stalled-endpoints";
import { newId } from "@/lib/ids";
import { log, redactUrl } from "@/lib/log";
import { logUnexpectedError } from "@/lib/log-unexpected-error";
import { createSafeDispatcher, getSafeDispatcher } from "@/lib/net/safe-dispatcher";

// The delivery worker: claims due rows in batches, keeps many POSTs in flight under a global
// and a per-endpoint cap, and writes finished attempts back in groups. Claiming does not wait
// for a batch to finish; a saturated endpoint's rows wait in a short queue of their own or go
// back to the table for a moment, so one hanging endpoint never holds up the others.

export type DeliveryWorkerOptions = {
  concurrency?: number;
  perEndpointConcurrency?: number;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Tests and the benchmark may pass their own dispatcher; the SSRF-safe one otherwise. */
  dispatcher?: Dispatcher;
  /** How long a stalled endpoint's surplus rows stay away: doubling from initialMs to maxMs. */
  stalledDeferMs?: { initialMs: number; maxMs: number };
};

export type DeliveryWorkerStats = { claimed: number; attempts: number; delivered: number; failed: number; cancelled: number };

export type DeliveryWorker = {
  /** Stops claiming, drains in-flight attempts, releases what was claimed but not sent. */
  stop(): Promise<void>;
  stats(): DeliveryWorkerStats;
};

/** An attempt needs its lease to outlive the timeout plus the result write. */
const LEASE_MARGIN_MS = 1_000;
/** How long rows of an endpoint at its cap stay away before they are claimed again. */
const BUSY_ENDPOINT_DEFER_MS = 1_000;
/** An endpoint at its cap with no answer for this long is treated as stalled (hanging). */
const STALLED_AFTER_MS = 500;
/** Due times are woken for to this precision, so a burst of them costs one timer each 10 ms. */
const WAKE_GRAIN_MS = 10;
/** The longest a stalled endpoint's surplus rows stay away before they are claimed again. */
const STALLED_DEFER_MAX_MS = 60_000;

/** `admitted`: the webhook's rate limit has let it through (always, for a webhook without one). */
type Job = ClaimedDelivery & { target: RequestTarget; admitted?: boolean };
/** An attempt's outcome and its request as logged: `storedBody` as BuiltDelivery's `logged` has it. */
type Sent = { result: SendResult; headers: Record<string, string>; storedBody: string | null };
/** Per origin: requests in flight, rows waiting for a slot, and when it last made progress. */
type Endpoint = { active: number; waiting: Job[]; progressAt: number };

export function startDeliveryWorker(options: DeliveryWorkerOptions = {}): DeliveryWorker {
  const worker = new DeliveryEngine(options);
  worker.start();
  return { stop: () => worker.stop(), stats: () => ({ ...worker.counters }) };
}

class DeliveryEngine {
  readonly counters: DeliveryWorkerStats = { claimed: 0, attempts: 0, delivered: 0, failed: 0, cancelled: 0 };
  private readonly concurrency: number;
  private readonly perEndpoint: number;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly dispatcher: Dispatcher;
  private ownDispatcher: Dispatcher | undefined;
  private readonly queue: DeliveryQueue = getDeliveryQueue();
  private readonly results: ResultBuffer;
  private readonly rateLimits: EndpointRateLimits<Job>;
  private readonly stalled: StalledEndpointDeferrals;

  private running = false;
  /**
   * Claimed rows whose outcome is not yet committed: in flight, waiting, or in the result
   * buffer. Claims stop while it is high, so a slow database write holds the worker back and
   * a crash can repeat at most this many attempts.
   */
  private held = 0;
  private inFlight = 0;
  private readonly ready: Job[] = [];
  private readonly endpoints = new Map<string, Endpoint>();
  private claiming: Promise<void> | undefined;
  /** Set when more rows are probably due (a full claim, a wake-up): claim when there is room. */
  private moreDue = true;
  private drained: (() => void) | undefined;
  /** Between failed claims: 250 ms doubling to 5 s, so a returning database is used within 5 s. */
  private readonly claimBackoff = new Backoff();

  private pollTimer: NodeJS.Timeout | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private readonly laterDue = new Set<number>();
  private listener: QueueListener | undefined;

  constructor(options: DeliveryWorkerOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? deliveryConfig.globalConcurrency());
    this.perEndpoint = Math.max(1, options.perEndpointConcurrency ?? deliveryConfig.perEndpointConcurrency());
    this.batchSize = Math.max(1, options.batchSize ?? deliveryConfig.batchSize());
    this.pollIntervalMs = Math.max(10, options.pollIntervalMs ?? deliveryConfig.pollIntervalMs());
    this.timeoutMs = deliveryConfig.timeoutMs();
    this.leaseMs = Math.max(deliveryConfig.leaseMs(), this.timeoutMs + 2 * LEASE_MARGIN_MS);
    const deferMs = options.stalledDeferMs ?? {
      initialMs: Math.max(BUSY_ENDPOINT_DEFER_MS, this.timeoutMs / 2),
      maxMs: STALLED_DEFER_MAX_MS,
    };
    this.stalled = new StalledEndpointDeferrals(deferMs.initialMs, deferMs.maxMs);
    // The shared pool has as many connections per origin as the configured cap; a worker with
    // a cap of its own gets a pool to match (and closes it when it stops).
    if (options.dispatcher) this.dispatcher = options.dispatcher;
    else if (this.perEndpoint === deliveryConfig.perEndpointConcurrency()) this.dispatcher = getSafeDispatcher();
    else this.dispatcher = this.ownDispatcher = createSafeDispatcher({ connectionsPerOrigin: this.perEndpoint });
    // Results are written two batches at a time: fewer, larger transactions cost less per row.
    this.results = new ResultBuffer(
      2 * this.batchSize,
      (dueAt) => this.wakeAtTime(dueAt),
      (count) => {
        this.held -= count;
        this.claimIfRoom();
      },
    );
    this.rateLimits = new EndpointRateLimits<Job>(
      (job) => {
        if (!this.running) return this.release(job, Date.now());
        job.admitted = true;
        this.ready.unshift(job);
        this.pump();
      },
      (job, dueAt) => this.release(job, dueAt),
      (error) => log.error({ err: error }, "delivery worker: could not take rate-limit tokens; retrying"),
    );
  }

  start(): void {
    this.running = true;
    this.listener = this.queue.listen(() => this.wake());
    this.pollTimer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.wake();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.pollTimer);
    clearTimeout(this.wakeTimer);
    await this.listener?.close();
    this.claimBackoff.interrupt();
    await this.claiming;
    // Claimed but not started: hand back now, due at once, for whichever worker runs next.
    const now = Date.now();
    for (const job of this.ready.splice(0)) this.release(job, now);
    for (const endpoint of this.endpoints.values()) for (const job of endpoint.waiting.splice(0)) this.release(job, now);
    for (const job of this.rateLimits.takeAllWaiting()) this.release(job, now);
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await this.results.flushAll();
    await this.ownDispatcher?.close();
  }

  private wake(): void {
    this.moreDue = true;
    this.claimIfRoom();
  }

  private wakeAtTime(dueAt: number): void {
    // Rows coming due sooner than the next poll (retries, handed-back rows) get a timer. One
    // timer runs, for the earliest; later due times wait in `laterDue` (to 10 ms), or rows
    // due after the earliest would wait for the poll.
    if (!this.running || dueAt - Date.now() >= this.pollIntervalMs) return;
    const at = Math.ceil(dueAt / WAKE_GRAIN_MS) * WAKE_GRAIN_MS;
    if (at >= this.wakeAt) {
      if (at > this.wakeAt) this.laterDue.add(at);
      return;
    }
    if (this.wakeAt !== Infinity) this.laterDue.add(this.wakeAt);
    this.armWake(at);
  }

  private armWake(at: number): void {
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeAt = Infinity;
        // Whatever is due by now is claimed by this wake; the earliest later time gets the timer.
        const now = Date.now();
        let next = Infinity;
        for (const later of this.laterDue) {
          if (later <= now) this.laterDue.delete(later);
          else if (later < next) next = later;
        }
        if (next !== Infinity) {
          this.laterDue.delete(next);
          this.armWake(next);
        }
        this.wake();
      },
      Math.max(0, at - Date.now()) + 2,
    );
  }

  private claimIfRoom(): void {
    if (!this.running || this.claiming || !this.moreDue) return;
    // Hold up to a batch waiting to be sent and two batches of results being written beyond
    // what can be in flight, so posts never wait for a claim.
    const room = this.concurrency + 3 * this.batchSize - this.held;
    if (room < Math.min(this.batchSize, Math.ceil(this.concurrency / 2)) && this.held > 0) return;
    const limit = Math.min(room, this.batchSize);
    this.moreDue = false;
    this.claiming = this.claim(limit).finally(() => {
      this.claiming = undefined;
      this.claimIfRoom();
    });
  }

  private async claim(limit: number): Promise<void> {
    let rows: ClaimedDelivery[];
    try {
      rows = await this.queue.claim(limit, this.leaseMs);
    } catch (error) {
      // The database away (a restart, a failover) is logged once per outage; anything else
      // once per try, which the backoff spaces out.
      if (isDatabaseUnavailable(error)) noteDatabaseUnavailable("delivery worker: claim", error);
      else logUnexpectedError("delivery worker: claim", error);
      await this.claimBackoff.wait();
      this.moreDue = true;
      return;
    }
    this.claimBackoff.reset();
    noteDatabaseAvailable();
    this.counters.claimed += rows.length;
    if (rows.length >= limit) this.moreDue = true;
    const now = Date.now();
    for (const row of rows) {
      this.held++;
      if (!this.running) {
        this.release(row, now);
      } else if (row.webhook?.enabled !== 1) {
        this.cancel(row, row.webhook ? "Webhook disabled before the attempt" : "Webhook deleted before the attempt");
      } else {
        const job = row as Job;
        job.target = requestTarget(row.webhook.url);
        this.ready.push(job);
      }
    }
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.ready.length > 0) {
      const job = this.ready.shift()!;
      const rate = job.webhook!.rate_limit_per_second;
      if (rate !== null && !job.admitted) {
        this.rateLimits.enqueue(job, rate);
        continue;
      }
      const endpoint = this.endpointOf(job);
      if (endpoint.active < this.perEndpoint) {
        this.begin(job, endpoint);
        continue;
      }
      // At its cap. A busy endpoint that answers keeps a deep queue (its slots free up in
      // moments); a stalled one keeps a short queue and the rest of its rows go back to the
      // table for a while, so they don't crowd out the healthy endpoints' share of the worker.
      const now = Date.now();
      const isStalled = now - endpoint.progressAt > STALLED_AFTER_MS;
      if (!isStalled) this.stalled.reset(job.target.origin);
      const deferUntil = isStalled ? this.stalled.deferUntil(job.target.origin, now) : now + BUSY_ENDPOINT_DEFER_MS;
      const queueLimit = isStalled ? this.perEndpoint : 2 * this.batchSize;
      // A queue that grew while the endpoint still looked busy is cut back once it stalls.
      while (endpoint.waiting.length > queueLimit) this.release(endpoint.waiting.pop()!, deferUntil);
      if (endpoint.waiting.length < queueLimit) endpoint.waiting.push(job);
      else this.release(job, deferUntil);
    }
  }

  private endpointOf(job: Job): Endpoint {
    let endpoint = this.endpoints.get(job.target.origin);
    if (!endpoint) {
      endpoint = { active: 0, waiting: [], progressAt: Date.now() };
      this.endpoints.set(job.target.origin, endpoint);
    }
    return endpoint;
  }

  private begin(job: Job, endpoint: Endpoint): void {
    const now = Date.now();
    if (now + this.timeoutMs + LEASE_MARGIN_MS > job.lease_until) {
      // Waited too long behind a busy endpoint: the lease could lapse mid-attempt and another
      // worker would send the same attempt. Hand it back instead.
      this.release(job, now);
      return;
    }
    this.inFlight++;
    if (endpoint.active++ === 0) endpoint.progressAt = now;
    void this.attempt(job, now).then((result) => this.finish(job, endpoint, result));
  }

  /** Sends one attempt; what it returns is the request as the log keeps it (secrets masked). */
  private async attempt(job: Job, startedAt: number): Promise<Sent> {
    const webhook = job.webhook!;
    const event = {
      type: job.event_type,
      payload: job.payload,
      payloadWithTokens: job.payload_with_tokens,
      createdAt: job.event_created_at,
    };
    let delivery: BuiltDelivery;
    try {
      delivery = buildDelivery(job.id, event, webhook, webhook.url, startedAt);
    } catch (error) {
      // An unreadable secret must never turn into an unsigned request.
      const message = `Cannot sign the delivery: ${(error as Error).message}`;
      const result: SendResult = {
        status: null,
        responseHeaders: null,
        responseBody: null,
        retryAfter: null,
        error: message,
        isTimeout: false,
        durationMs: 0,
      };
      // Nothing was built: the log shows the plain build from the event (a null body).
      return { result, headers: {}, storedBody: null };
    }
    const result = await sendRequest(this.dispatcher, job.target, delivery.headers, delivery.body, this.timeoutMs);
    return { result, headers: delivery.logged.headers, storedBody: delivery.logged.storedBody };
  }

  private finish(job: Job, endpoint: Endpoint, sent: Sent): void {
    this.inFlight--;
    endpoint.active--;
    // A timeout is no sign of life: an endpoint whose requests only time out stays stalled.
    if (!sent.result.isTimeout) {
      endpoint.progressAt = Date.now();
      this.stalled.reset(job.target.origin);
    }
    this.record(job, sent);

    // The freed slot goes to this endpoint's waiting rows first (begin() may hand a row back
    // instead of starting it, hence the loop), else to whatever is ready.
    while (endpoint.waiting.length > 0 && endpoint.active < this.perEndpoint && this.inFlight < this.concurrency) {
      this.begin(endpoint.waiting.shift()!, endpoint);
    }
    if (endpoint.active === 0 && endpoint.waiting.length === 0) this.endpoints.delete(job.target.origin);
    this.pump();
    if (this.inFlight === 0 && this.drained) this.drained();
  }

  private record(job: Job, { result, headers, storedBody }: Sent): void {
    const now = Date.now();
    // Manual and test attempts are numbered in the same sequence but leave the schedule's
    // count and due time alone.
    const isScheduled = job.trigger === "scheduled";
    const attemptNumber = job.attempt_count + job.manual_attempt_count + 1;
    const step = isScheduled ? nextStep(job.attempt_count + 1, result, now) : nextStepAfterManual(result, job.resume_at, now);
    const succeeded = isSuccessStatus(result.status);
    this.counters.attempts++;
    if (step.status === "delivered") this.counters.delivered++;
    else if (step.status === "failed") this.counters.failed++;
    if (!succeeded) {
      log.warn(
        {
          deliveryId: job.id,
          webhookId: job.webhook_id,
          url: redactUrl(job.webhook!.url),
          attempt: attemptNumber,
          status: result.status ?? undefined,
          error: result.error ?? undefined,
          next: step.status === "retrying" ? new Date(step.nextAttemptAt).toISOString() : step.status,
        },
        step.status === "failed" ? "delivery failed: gave up" : "delivery attempt failed",
      );
    }
    const attempt = {
      id: newId("att"),
      delivery_id: job.id,
      webhook_id: job.webhook_id,
      attempt_number: attemptNumber,
      trigger: job.trigger,
      request_url: job.webhook!.url,
      request_headers: JSON.stringify(headers),
      request_body: storedBody,
      response_status: result.status,
      response_headers: result.responseHeaders,
      response_body: result.responseBody,
      duration_ms: result.durationMs,
      error: result.error,
      succeeded: succeeded ? 1 : 0,
      started_at: now - result.durationMs,
    };
    const delivery = {
      id: job.id,
      webhook_id: job.webhook_id,
      lease: job.lease_until,
      attempt_count: job.attempt_count + (isScheduled ? 1 : 0),
      manual_attempt_count: job.manual_attempt_count + (isScheduled ? 0 : 1),
      last_status_code: result.status,
      last_error: succeeded ? null : (result.error ?? `HTTP ${result.status}`),
    };
    if (step.status === "delivered") this.results.add({ attempt, completed: delivery });
    else if (step.status === "retrying")
      this.results.add({ attempt, rescheduled: { ...delivery, next_attempt_at: step.nextAttemptAt } });
    else this.results.add({ attempt, failed: delivery, goneWebhookId: step.isGone ? job.webhook_id : undefined });
  }

  private release(row: ClaimedDelivery, dueAt: number): void {
    this.results.add({ released: { id: row.id, lease: row.lease_until, next_attempt_at: dueAt } });
  }

  private cancel(row: ClaimedDelivery, reason: string): void {
    this.counters.cancelled++;
    this.results.add({ cancelled: { id: row.id, lease: row.lease_until, reason } });
  }
}
