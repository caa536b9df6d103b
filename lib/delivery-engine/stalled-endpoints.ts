import { Backoff } from "@/lib/delivery-engine/backoff";

// Rows of a stalled endpoint (at its cap, no answer for a while) that find no room in the
// worker go back to the table until a due time. Each time they come back and the endpoint is
// still stalled they stay away twice as long, up to `maxMs`; its first answer resets that. So
// a hanging endpoint's backlog is claimed and handed back a few times a minute at most, not
// every few seconds, while the attempts in flight notice at once when it answers again.

type Round = { backoff: Backoff; delayMs: number; endsAt: number };

/** Past this many origins, rounds long over are forgotten (origins that never answered again). */
const MAX_TRACKED = 10_000;

export class StalledEndpointDeferrals {
  private readonly rounds = new Map<string, Round>();

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  /** When a row of `origin` that found no room should be due again. */
  deferUntil(origin: string, now: number): number {
    let round = this.rounds.get(origin);
    if (!round) {
      if (this.rounds.size >= MAX_TRACKED) this.forgetOld(now);
      const backoff = new Backoff(this.initialMs, this.maxMs);
      const delayMs = backoff.nextDelayMs();
      round = { backoff, delayMs, endsAt: now + delayMs };
      this.rounds.set(origin, round);
    } else if (now >= round.endsAt) {
      // The rows deferred in the last round are back, and the endpoint is still stalled.
      round.delayMs = round.backoff.nextDelayMs();
      round.endsAt = now + round.delayMs;
    }
    return now + round.delayMs;
  }

  /** The endpoint answered (or has room): its next deferral starts at `initialMs` again. */
  reset(origin: string): void {
    this.rounds.delete(origin);
  }

  private forgetOld(now: number): void {
    for (const [origin, round] of this.rounds) if (round.endsAt < now - this.maxMs) this.rounds.delete(origin);
  }
}
