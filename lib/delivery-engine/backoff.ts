// Waits between retries of something that failed, doubling from `initialMs` up to `maxMs`:
// a worker whose database is away tries again soon at first, then every few seconds, and
// is back within `maxMs` of the database. A wait can be cut short (the worker is stopping).

export class Backoff {
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(
    private readonly initialMs = 250,
    private readonly maxMs = 5_000,
  ) {}

  /** The next wait, longer after each failure in a row. */
  nextDelayMs(): number {
    return Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.failures++, 20));
  }

  /** Waits the next delay (or until interrupt()). */
  wait(): Promise<void> {
    const delay = this.nextDelayMs();
    return new Promise<void>((resolve) => {
      this.wakeUp = resolve;
      this.timer = setTimeout(resolve, delay);
    }).finally(() => {
      this.timer = undefined;
      this.wakeUp = undefined;
    });
  }

  /** A success: the next failure waits `initialMs` again. */
  reset(): void {
    this.failures = 0;
  }

  /** Ends a wait in progress at once. */
  interrupt(): void {
    clearTimeout(this.timer);
    this.wakeUp?.();
  }
}
