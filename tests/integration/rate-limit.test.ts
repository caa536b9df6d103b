import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { getDb } from "@/db";
import { giveBackTokens, pruneIdleBuckets, takeTokens } from "@/lib/http/rate-limit/take-tokens";
import { TokenLeases } from "@/lib/http/rate-limit/token-leases";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";

const T0 = 1_800_000_000_000;
/** 10 tokens, 2 more every second. */
const BUCKET = { capacity: 10, refill: 2, perMs: 1_000 };
let keys = 0;
const newKey = () => `test:${keys++}:${Math.random().toString(36).slice(2)}`;

describe(`token buckets in the database (${testDialect})`, () => {
  it("grants up to the capacity, then nothing, and says when the next token comes", async () => {
    const key = newKey();
    expect(await takeTokens(key, BUCKET, 4, T0)).toEqual({ granted: 4, retryAfterMs: 0 });
    expect(await takeTokens(key, BUCKET, 10, T0)).toEqual({ granted: 6, retryAfterMs: 500 });
    expect(await takeTokens(key, BUCKET, 1, T0 + 100)).toEqual({ granted: 0, retryAfterMs: 400 });
    // 2 a second: one token after 500 ms, and never more than the capacity however long it rests.
    expect((await takeTokens(key, BUCKET, 5, T0 + 1_000)).granted).toBe(2);
    expect((await takeTokens(key, BUCKET, 50, T0 + 3_600_000)).granted).toBe(10);
  });

  it("a clock that runs backwards (another process) refills nothing", async () => {
    const key = newKey();
    expect((await takeTokens(key, BUCKET, 10, T0)).granted).toBe(10);
    expect((await takeTokens(key, BUCKET, 1, T0 - 60_000)).granted).toBe(0);
    expect((await takeTokens(key, BUCKET, 1, T0 + 499)).granted).toBe(0);
    expect((await takeTokens(key, BUCKET, 1, T0 + 500)).granted).toBe(1);
  });

  it("tokens given back can be taken again, never above the capacity", async () => {
    const key = newKey();
    await takeTokens(key, BUCKET, 10, T0);
    await giveBackTokens(key, BUCKET, 3);
    expect((await takeTokens(key, BUCKET, 10, T0)).granted).toBe(3);
    await giveBackTokens(key, BUCKET, 50);
    expect((await takeTokens(key, BUCKET, 50, T0)).granted).toBe(10);
  });

  it("concurrent takes never grant more than the bucket holds", async () => {
    const key = newKey();
    const takes = await Promise.all(Array.from({ length: 40 }, () => takeTokens(key, BUCKET, 1, T0)));
    expect(takes.reduce((sum, take) => sum + take.granted, 0)).toBe(10);
  });

  it("idle buckets are pruned, busy ones kept", async () => {
    const idle = newKey();
    const busy = newKey();
    await takeTokens(idle, BUCKET, 1, T0);
    await takeTokens(busy, BUCKET, 1, T0 + 50_000);
    expect(await pruneIdleBuckets(10_000, T0 + 55_000)).toBeGreaterThanOrEqual(1);
    const left = await getDb().selectFrom("rate_limit_buckets").select("key").where("key", "in", [idle, busy]).execute();
    expect(left.map((row) => row.key)).toEqual([busy]);
  });
});

describe(`leases of tokens per process (${testDialect})`, () => {
  it("admits exactly the bucket's tokens between two processes' leases, in chunks", async () => {
    const key = newKey();
    const bucket = { capacity: 50, refill: 1, perMs: 3_600_000 };
    const first = new TokenLeases(
      () => bucket,
      () => 5,
    );
    const second = new TokenLeases(
      () => bucket,
      () => 5,
    );
    const admissions = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? first : second).admit(key, Date.now())),
    );
    expect(admissions.filter((a) => a.ok)).toHaveLength(50);
    const refused = admissions.find((a) => !a.ok);
    expect(refused).toMatchObject({ ok: false });
    expect(refused && !refused.ok && refused.retryAfterMs).toBeGreaterThan(0);
    // 50 admissions cost 10 writes (chunks of 5), plus the refused takes.
    const row = await getDb().selectFrom("rate_limit_buckets").selectAll().where("key", "=", key).executeTakeFirstOrThrow();
    expect(Number(row.units)).toBeLessThan(bucket.perMs);
  });

  it("separate processes on one database share one bucket", async () => {
    const key = newKey();
    const root = path.resolve(import.meta.dirname, "..", "..");
    const run = () =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/admit-many.ts"], {
          cwd: root,
          env: { ...process.env, KEY: key, CAPACITY: "120", CHUNK: "7", ATTEMPTS: "150" },
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out).admitted) : reject(new Error(`exit ${code}`))));
      });
    const admitted = await Promise.all([run(), run(), run()]);
    // Each process alone wants more than the bucket holds, so it spends every token it
    // leased on its own waiting attempts: together they admit exactly the bucket, no more.
    expect(admitted.reduce((a, b) => a + b, 0)).toBe(120);
  }, 60_000);
});

describe(`POST /api/v1/events rate limit (${testDialect})`, () => {
  let token: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    const user = await createTestUser();
    const created = await createApiToken(user.id, { name: "limited" });
    if (!created.ok) throw new Error(created.message);
    token = created.token.token;
  });

  afterEach(() => {
    process.env.INGEST_RATE_LIMIT_PER_SECOND = saved.INGEST_RATE_LIMIT_PER_SECOND;
    process.env.INGEST_RATE_LIMIT_BURST = saved.INGEST_RATE_LIMIT_BURST;
  });

  const send = (bearer = token) =>
    POST(
      new Request("http://localhost/api/v1/events", {
        method: "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        body: JSON.stringify({ event: "document.signed", payload: getSamplePayload("DOCUMENT_SIGNED") }),
      }),
    );

  it("answers 429 with Retry-After and the JSON error once a token spends its burst, and records nothing for it", async () => {
    process.env.INGEST_RATE_LIMIT_PER_SECOND = "1";
    process.env.INGEST_RATE_LIMIT_BURST = "3";
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);

    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(await refused.json()).toEqual({
      error: {
        code: "rate_limited",
        message: expect.stringMatching(
          /^Too many requests with this API token: at most 1 a second \(bursts of 3\)\. Retry after \d+ s\.$/,
        ),
        details: { retryAfterSeconds: Number(refused.headers.get("retry-after")) },
      },
    });
    const events = await getDb().selectFrom("events").select("id").execute();
    expect(events).toHaveLength(3);
  });

  it("is per token, and off with INGEST_RATE_LIMIT_PER_SECOND=0", async () => {
    process.env.INGEST_RATE_LIMIT_PER_SECOND = "1";
    process.env.INGEST_RATE_LIMIT_BURST = "1";
    const user = await createTestUser();
    const other = await createApiToken(user.id, { name: "other" });
    if (!other.ok) throw new Error(other.message);
    expect((await send(other.token.token)).status).toBe(202);
    expect((await send(other.token.token)).status).toBe(429);
    process.env.INGEST_RATE_LIMIT_PER_SECOND = "0";
    expect((await send(other.token.token)).status).toBe(202);
  });

  it("an unknown token is still a 401, not a 429", async () => {
    expect((await send("dh_00000000000000000000000000000000")).status).toBe(401);
  });
});
