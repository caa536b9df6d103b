import { type Bucket, type Take, takeTokens } from "@/lib/http/rate-limit/take-tokens";

export type Admission = { ok: true } | { ok: false; retryAfterMs: number };

type Lease = { left: number; expiresAt: number };

/** How long tokens taken from the database may wait in a process before they are dropped. */
const LEASE_MS = 1_000;

/**
 * A database token bucket per key, taken from in chunks: a process takes up to `chunk` tokens
 * in one UPSERT and spends them from memory, so a hot key costs one write per chunk instead
 * of one per request. Every request admitted still spent a token of the shared bucket, so
 * all processes together never admit more than the bucket allows; tokens left in a process
 * are dropped after a second (at most `chunk` per process go unused for others).
 */
export class TokenLeases {
  private readonly leases = new Map<string, Lease>();
  private readonly taking = new Map<string, Promise<Take>>();

  constructor(
    private readonly bucket: () => Bucket,
    private readonly chunk: (bucket: Bucket) => number,
  ) {}

  async admit(key: string, now = Date.now()): Promise<Admission> {
    for (;;) {
      const lease = this.leases.get(key);
      if (lease && lease.left > 0 && lease.expiresAt > now) {
        lease.left--;
        return { ok: true };
      }
      // Requests that find the lease empty together wait for one take, then share it.
      const take = await (this.taking.get(key) ?? this.startTake(key, now));
      if (take.granted === 0) return { ok: false, retryAfterMs: take.retryAfterMs };
    }
  }

  private startTake(key: string, now: number): Promise<Take> {
    const bucket = this.bucket();
    const taking = takeTokens(key, bucket, this.chunk(bucket), now)
      .then((take) => {
        if (take.granted > 0) this.leases.set(key, { left: take.granted, expiresAt: now + LEASE_MS });
        else this.leases.delete(key);
        return take;
      })
      .finally(() => this.taking.delete(key));
    this.taking.set(key, taking);
    return taking;
  }
}
