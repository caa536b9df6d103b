import { abuseLimits } from "@/lib/config";
import { apiError } from "@/lib/http/api-error";
import type { Bucket } from "@/lib/http/rate-limit/take-tokens";
import { type Admission, TokenLeases } from "@/lib/http/rate-limit/token-leases";

// POST /api/v1/events: INGEST_RATE_LIMIT_PER_SECOND requests a second per API token, bursts
// of INGEST_RATE_LIMIT_BURST, shared by every process on the database.

function ingestBucket(): Bucket {
  const perSecond = abuseLimits.ingestPerSecond();
  return { capacity: Math.max(1, abuseLimits.ingestBurst()), refill: perSecond, perMs: 1_000 };
}

// A tenth of a second's worth per database write: ten writes a second for a token sending
// at its full rate, and an exact count for small limits (a chunk of 1).
const leases = new TokenLeases(ingestBucket, (bucket) =>
  Math.max(1, Math.min(Math.floor(bucket.capacity / 10), Math.floor(bucket.refill / 10))),
);

export async function admitIngestRequest(tokenId: string): Promise<Admission> {
  if (abuseLimits.ingestPerSecond() === 0) return { ok: true };
  return leases.admit(`ingest:${tokenId}`);
}

/** The 429 for a refused request: whole seconds in Retry-After, at least 1. */
export function ingestRateLimited(retryAfterMs: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const { capacity, refill } = ingestBucket();
  return apiError(
    429,
    "rate_limited",
    `Too many requests with this API token: at most ${refill} a second (bursts of ${capacity}). Retry after ${seconds} s.`,
    { headers: { "retry-after": String(seconds) }, details: { retryAfterSeconds: seconds } },
  );
}
