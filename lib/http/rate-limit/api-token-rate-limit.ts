import { abuseLimits } from "@/lib/config";
import { apiError } from "@/lib/http/api-error";
import type { Bucket } from "@/lib/http/rate-limit/take-tokens";
import { type Admission, TokenLeases } from "@/lib/http/rate-limit/token-leases";

// Every /api/v1 request with an API token, events and the REST API alike:
// INGEST_RATE_LIMIT_PER_SECOND requests a second per token, bursts of INGEST_RATE_LIMIT_BURST,
// shared by every process on the database.

function tokenBucket(): Bucket {
  const perSecond = abuseLimits.ingestPerSecond();
  return { capacity: Math.max(1, abuseLimits.ingestBurst()), refill: perSecond, perMs: 1_000 };
}

// A tenth of a second's worth per database write: ten writes a second for a token sending
// at its full rate, and an exact count for small limits (a chunk of 1).
const leases = new TokenLeases(tokenBucket, (bucket) =>
  Math.max(1, Math.min(Math.floor(bucket.capacity / 10), Math.floor(bucket.refill / 10))),
);

export async function admitApiTokenRequest(tokenId: string): Promise<Admission> {
  if (abuseLimits.ingestPerSecond() === 0) return { ok: true };
  return leases.admit(`api-token:${tokenId}`);
}

/** The 429 for a refused request: whole seconds in Retry-After, at least 1. */
export function apiTokenRateLimited(retryAfterMs: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const { capacity, refill } = tokenBucket();
  return apiError(
    429,
    "rate_limited",
    `Too many requests with this API token: at most ${refill} a second (bursts of ${capacity}). Retry after ${seconds} s.`,
    { headers: { "retry-after": String(seconds) }, details: { retryAfterSeconds: seconds } },
  );
}
