import { afterEach, describe, expect, it } from "vitest";
import { nextStep, nextStepAfterManual, parseRetryAfter, withJitter } from "@/lib/delivery-engine/retry-policy";

// The retry policy on its own: which attempt comes when, and when a delivery gives up.

const now = Date.parse("2026-11-27T12:00:00Z");
const middle = () => 0.5; // no jitter
const noResponse = { status: null, isTimeout: false };

afterEach(() => {
  for (const name of [
    "DELIVERY_RETRY_SCHEDULE_MS",
    "DELIVERY_JITTER_PERCENT",
    "DELIVERY_THROTTLE_MIN_DELAY_MS",
    "DELIVERY_RETRY_AFTER_MAX_MS",
  ])
    delete process.env[name];
});

describe("retry policy", () => {
  it("follows Svix's schedule by default: 8 attempts over about 27.6 h, then failed", () => {
    const waits = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
    waits.forEach((wait, index) => {
      expect(nextStep(index + 1, { status: 500, isTimeout: false }, now, middle)).toEqual({
        status: "retrying",
        nextAttemptAt: now + wait,
      });
    });
    expect(waits.reduce((a, b) => a + b, 0) / 3_600_000).toBeCloseTo(27.6, 1);
    expect(nextStep(8, { status: 500, isTimeout: false }, now, middle)).toEqual({ status: "failed", isGone: false });
  });

  it("counts any 2xx as delivered and a 3xx as a failure", () => {
    expect(nextStep(1, { status: 200, isTimeout: false }, now)).toEqual({ status: "delivered" });
    expect(nextStep(1, { status: 299, isTimeout: false }, now)).toEqual({ status: "delivered" });
    expect(nextStep(1, { status: 301, isTimeout: false }, now).status).toBe("retrying");
    expect(nextStep(1, noResponse, now).status).toBe("retrying");
  });

  it("jitters within ±20%", () => {
    expect(withJitter(1000, 0.2, () => 0)).toBe(800);
    expect(withJitter(1000, 0.2, () => 1)).toBe(1200);
    for (let i = 0; i < 100; i++) {
      const step = nextStep(2, noResponse, now);
      if (step.status !== "retrying") throw new Error("expected a retry");
      expect(step.nextAttemptAt - now).toBeGreaterThanOrEqual(240_000);
      expect(step.nextAttemptAt - now).toBeLessThanOrEqual(360_000);
    }
  });

  it("stops at once on 410 Gone", () => {
    expect(nextStep(1, { status: 410, isTimeout: false }, now)).toEqual({ status: "failed", isGone: true });
  });

  it("honours Retry-After on 429 and 503 (seconds or HTTP date), clamped, never shortening the schedule", () => {
    process.env.DELIVERY_THROTTLE_MIN_DELAY_MS = "0";
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(nextStep(1, { status: 503, retryAfter: "120", isTimeout: false }, now, middle)).toEqual({
      status: "retrying",
      nextAttemptAt: now + 120_000,
    });
    expect(nextStep(1, { status: 503, retryAfter: "1", isTimeout: false }, now, middle)).toEqual({
      status: "retrying",
      nextAttemptAt: now + 5_000,
    });
    expect(nextStep(1, { status: 429, retryAfter: "999999", isTimeout: false }, now, middle)).toEqual({
      status: "retrying",
      nextAttemptAt: now + 3_600_000,
    });
    // Other statuses don't get to steer the schedule.
    expect(nextStep(1, { status: 500, retryAfter: "120", isTimeout: false }, now, middle)).toEqual({
      status: "retrying",
      nextAttemptAt: now + 5_000,
    });
  });

  it("waits at least 60 s after a 429 or a timeout", () => {
    expect(nextStep(1, { status: 429, isTimeout: false }, now, middle)).toEqual({
      status: "retrying",
      nextAttemptAt: now + 60_000,
    });
    expect(nextStep(1, { status: null, isTimeout: true }, now, middle)).toEqual({
      status: "retrying",
      nextAttemptAt: now + 60_000,
    });
    expect(nextStep(3, { status: null, isTimeout: true }, now, middle)).toEqual({
      status: "retrying",
      nextAttemptAt: now + 1_800_000,
    });
  });

  it("reads a short schedule from the environment: attempts = waits + 1", () => {
    process.env.DELIVERY_RETRY_SCHEDULE_MS = "10,20";
    process.env.DELIVERY_JITTER_PERCENT = "0";
    expect(nextStep(1, noResponse, now)).toEqual({ status: "retrying", nextAttemptAt: now + 10 });
    expect(nextStep(2, noResponse, now)).toEqual({ status: "retrying", nextAttemptAt: now + 20 });
    expect(nextStep(3, noResponse, now)).toEqual({ status: "failed", isGone: false });
  });

  it("after a manual attempt, goes back to the schedule where it was, or gives up when none was waiting", () => {
    const dueAt = now + 180_000;
    expect(nextStepAfterManual({ status: 200, isTimeout: false }, dueAt, now)).toEqual({ status: "delivered" });
    expect(nextStepAfterManual({ status: 410, isTimeout: false }, dueAt, now)).toEqual({ status: "failed", isGone: true });
    // Never sooner or later than the schedule said: not the throttle floor, not the next wait.
    expect(nextStepAfterManual({ status: 500, isTimeout: false }, dueAt, now)).toEqual({
      status: "retrying",
      nextAttemptAt: dueAt,
    });
    expect(nextStepAfterManual({ status: null, isTimeout: true }, dueAt, now)).toEqual({
      status: "retrying",
      nextAttemptAt: dueAt,
    });
    expect(nextStepAfterManual({ status: 429, isTimeout: false }, dueAt, now)).toEqual({
      status: "retrying",
      nextAttemptAt: dueAt,
    });
    // Unless the receiver asked for longer.
    expect(nextStepAfterManual({ status: 503, retryAfter: "600", isTimeout: false }, dueAt, now)).toEqual({
      status: "retrying",
      nextAttemptAt: now + 600_000,
    });
    // Finished deliveries and test events have no schedule to go back to.
    expect(nextStepAfterManual({ status: 500, isTimeout: false }, null, now)).toEqual({ status: "failed", isGone: false });
  });
});
