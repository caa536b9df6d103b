import { abuseLimits } from "@/lib/config";
import { formatPeriod } from "@/lib/format";
import { type Bucket, giveBackTokens, takeTokens } from "@/lib/http/rate-limit/take-tokens";
import { ZEmailSchema } from "@/lib/validation/auth";

// Failed sign-ins are counted in the shared token buckets (one per email, one per client
// address): each holds SIGN_IN_MAX_FAILURES_PER_* tokens and refills them all over
// SIGN_IN_THROTTLE_WINDOW_MS, so no more than that many failures pass in any window. Every
// attempt takes a token from both before the password is checked (atomic, so parallel
// attempts cannot slip past the count) and a successful one gives them back. The decision
// never looks at whether the email exists: a throttled unknown email answers as a known one.

export type SignInGate = { ok: true; settle: (signedIn: boolean) => Promise<void> } | { ok: false; retryAfterMs: number };

function failureBucket(failures: number): Bucket {
  return { capacity: failures, refill: failures, perMs: abuseLimits.signInWindowMs() };
}

function keysFor(email: unknown, address: string): { key: string; bucket: Bucket }[] {
  const keys = [{ key: `sign-in:address:${address}`, bucket: failureBucket(abuseLimits.signInFailuresPerAddress()) }];
  const parsed = ZEmailSchema.safeParse(email);
  if (parsed.success) {
    keys.push({ key: `sign-in:account:${parsed.data}`, bucket: failureBucket(abuseLimits.signInFailuresPerAccount()) });
  }
  // A limit of 0 turns that throttle off.
  return keys.filter(({ bucket }) => bucket.capacity > 0);
}

/** Admits a sign-in attempt, or says how long until the next one may be tried. */
export async function admitSignIn(email: unknown, address: string): Promise<SignInGate> {
  const keys = keysFor(email, address);
  const takes = await Promise.all(keys.map(({ key, bucket }) => takeTokens(key, bucket, 1)));
  const refused = takes.filter((take) => take.granted === 0);
  const giveBack = async (which: (granted: boolean) => boolean) => {
    await Promise.all(
      keys.map(({ key, bucket }, i) => (which(takes[i].granted > 0) ? giveBackTokens(key, bucket, 1) : undefined)),
    );
  };
  if (refused.length > 0) {
    // Refused: the attempts that were not refused do not count either.
    await giveBack((granted) => granted);
    return { ok: false, retryAfterMs: Math.max(...refused.map((take) => take.retryAfterMs)) };
  }
  return { ok: true, settle: (signedIn) => (signedIn ? giveBack(() => true) : Promise.resolve()) };
}

/** The plain sentence the sign-in form shows, the wait rounded up to whole seconds or minutes. */
export function signInThrottledMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds < 60 ? retryAfterSeconds * 1000 : Math.ceil(retryAfterSeconds / 60) * 60_000;
  return `Too many failed sign-ins. Try again in ${formatPeriod(wait)}.`;
}
