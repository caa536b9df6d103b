import { deliveryConfig } from "@/lib/config";

// When a failed attempt is tried again (docs/architecture.md, "Retry schedule"): Svix's schedule with
// ±jitter, then `failed` after the last attempt; Retry-After honoured on 429/503 (clamped);
// 429 and timeouts wait at least the throttle floor; 410 Gone stops at once (the caller also
// disables the webhook).

export type AttemptOutcome = {
  /** HTTP status when a response arrived. */
  status: number | null;
  /** The raw Retry-After header of that response, if any. */
  retryAfter?: string | null;
  isTimeout: boolean;
};

export type NextStep =
  | { status: "delivered" }
  | { status: "failed"; isGone: boolean }
  | { status: "retrying"; nextAttemptAt: number };

export function isSuccessStatus(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function withJitter(delayMs: number, jitter: number, random: () => number = Math.random): number {
  return Math.max(0, Math.round(delayMs * (1 + jitter * (2 * random() - 1))));
}

/**
 * Retry-After on a 429 or 503 as "not before" (clamped to the configured maximum), else
 * undefined.
 */
function askedDelay(outcome: AttemptOutcome, now: number): number | undefined {
  if (outcome.status !== 429 && outcome.status !== 503) return undefined;
  const asked = parseRetryAfter(outcome.retryAfter, now);
  return asked === undefined ? undefined : Math.min(asked, deliveryConfig.retryAfterMaxMs());
}

/** What happens after scheduled attempt number `attemptNumber` (1-based) ended with `outcome`. */
export function nextStep(
  attemptNumber: number,
  outcome: AttemptOutcome,
  now: number,
  random: () => number = Math.random,
): NextStep {
  if (isSuccessStatus(outcome.status)) return { status: "delivered" };
  if (outcome.status === 410) return { status: "failed", isGone: true };
  const schedule = deliveryConfig.retryScheduleMs();
  // attempts = schedule.length + 1: the schedule holds the waits between them.
  if (attemptNumber > schedule.length) return { status: "failed", isGone: false };

  let delay = withJitter(schedule[attemptNumber - 1], deliveryConfig.jitter(), random);
  // Retry-After is honoured as "not before": it can lengthen the wait, never shorten the schedule.
  delay = Math.max(delay, askedDelay(outcome, now) ?? 0);
  if (outcome.status === 429 || outcome.isTimeout) delay = Math.max(delay, deliveryConfig.throttleMinDelayMs());
  return { status: "retrying", nextAttemptAt: now + delay };
}

/**
 * What happens after a manual or test attempt: it stands beside the schedule, never moves it.
 * A 2xx delivers and a 410 stops as always; otherwise the delivery goes back to where its
 * schedule was: due at `resumeAt` (later only if a Retry-After asks for it), or Failed when
 * no scheduled attempt was waiting (the schedule was over, or a test event, which has none).
 */
export function nextStepAfterManual(outcome: AttemptOutcome, resumeAt: number | null, now: number): NextStep {
  if (isSuccessStatus(outcome.status)) return { status: "delivered" };
  if (outcome.status === 410) return { status: "failed", isGone: true };
  if (resumeAt === null) return { status: "failed", isGone: false };
  const asked = askedDelay(outcome, now);
  return { status: "retrying", nextAttemptAt: asked === undefined ? resumeAt : Math.max(resumeAt, now + asked) };
}
