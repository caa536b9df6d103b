import { sql } from "kysely";
import { getDb } from "@/db";

/** Holds at most `capacity` tokens and gains `refill` tokens every `perMs` milliseconds. */
export type Bucket = { capacity: number; refill: number; perMs: number };

export type Take = { granted: number; retryAfterMs: number };

// Stored in units of 1/perMs token, so a bucket gains exactly `refill` units a millisecond
// and every step below is integer arithmetic, the same on SQLite and Postgres (no floats,
// no LEAST/GREATEST, which SQLite spells differently).

const big = (value: number) => sql`CAST(${Math.round(value)} AS bigint)`;

/**
 * Takes up to `want` tokens from the bucket at `key` in one atomic UPSERT, so processes on one
 * database share the bucket exactly. `retryAfterMs` is when the next token will be there.
 */
export async function takeTokens(key: string, bucket: Bucket, want: number, now = Date.now()): Promise<Take> {
  const capacityUnits = bucket.capacity * bucket.perMs;
  const fillMs = Math.ceil(capacityUnits / bucket.refill);
  const fresh = Math.min(want, bucket.capacity);
  const [cap, refill, perMs, at, wanted] = [big(capacityUnits), big(bucket.refill), big(bucket.perMs), big(now), big(want)];
  const old = sql.ref("rate_limit_buckets.units");
  const oldAt = sql.ref("rate_limit_buckets.updated_at");
  const refilled = sql`${old} + (${at} - ${oldAt}) * ${refill}`;
  const available = sql`CASE
    WHEN ${at} - ${oldAt} >= ${big(fillMs)} THEN ${cap}
    WHEN ${at} <= ${oldAt} THEN (CASE WHEN ${old} > ${cap} THEN ${cap} ELSE ${old} END)
    WHEN ${refilled} > ${cap} THEN ${cap}
    ELSE ${refilled} END`;
  const granted = sql`CASE WHEN (${available}) / ${perMs} < ${wanted} THEN (${available}) / ${perMs} ELSE ${wanted} END`;

  const row = await getDb()
    .insertInto("rate_limit_buckets")
    .values({ key, units: capacityUnits - fresh * bucket.perMs, granted: fresh, updated_at: now })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        units: sql<number>`(${available}) - (${granted}) * ${perMs}`,
        granted: sql<number>`${granted}`,
        // Clocks of several processes differ a little: time in a bucket never runs backwards.
        updated_at: sql<number>`CASE WHEN ${oldAt} > ${at} THEN ${oldAt} ELSE ${at} END`,
      }),
    )
    .returning(["units", "granted"])
    .executeTakeFirstOrThrow();
  const units = Number(row.units);
  const missing = Math.max(0, bucket.perMs - units);
  return { granted: Number(row.granted), retryAfterMs: Math.ceil(missing / bucket.refill) };
}

/** Puts tokens back (a take that turned out not to count), never above the capacity. */
export async function giveBackTokens(key: string, bucket: Bucket, count: number): Promise<void> {
  const cap = big(bucket.capacity * bucket.perMs);
  const back = sql`units + ${big(count * bucket.perMs)}`;
  await getDb()
    .updateTable("rate_limit_buckets")
    .set({ units: sql<number>`CASE WHEN ${back} > ${cap} THEN ${cap} ELSE ${back} END` })
    .where("key", "=", key)
    .execute();
}

/**
 * Deletes up to `limit` buckets untouched for `idleMs` (by then they are full, the same as
 * no row at all); maintenance repeats it until fewer come back.
 */
export async function pruneIdleBuckets(idleMs: number, now = Date.now(), limit = 1_000): Promise<number> {
  const result = await getDb()
    .deleteFrom("rate_limit_buckets")
    .where("key", "in", (eb) =>
      eb
        .selectFrom("rate_limit_buckets")
        .select("key")
        .where("updated_at", "<", now - idleMs)
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
