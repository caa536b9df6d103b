import fs from "node:fs";
import path from "node:path";
import { FIELD_LIMITS } from "@/lib/field-limits";

// All settings come from the environment with safe defaults, so the first run needs none.
// Read lazily (functions, not constants) because tests and scripts set env before first use.

const DEFAULT_SQLITE_PATH = "./data/app.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || DEFAULT_SQLITE_PATH;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Where generated keys live: beside the SQLite file, or ./data when on Postgres. */
export function dataDir(): string {
  const dir = process.env.DATA_DIR?.trim();
  if (dir) return path.resolve(/* turbopackIgnore: true */ dir);
  const url = databaseUrl();
  if (isPostgresUrl(url) || url === ":memory:") return path.resolve("./data");
  return path.dirname(path.resolve(/* turbopackIgnore: true */ url));
}

/**
 * Returns the env value, or a random one generated once and kept in the data directory
 * (mode 0600), so restarts keep sessions and encrypted secrets readable.
 */
export function persistentSecret(envName: string, fileName: string, bytes = 32): string {
  const fromEnv = process.env[envName]?.trim();
  if (fromEnv) return fromEnv;
  const dir = dataDir();
  // The key files are runtime data, not build inputs: the comments keep Next's file tracer
  // from treating these paths as "anything in the project" (and warning about it).
  const file = path.join(/* turbopackIgnore: true */ dir, fileName);
  try {
    return fs.readFileSync(/* turbopackIgnore: true */ file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(dir, { recursive: true });
  const value = (globalThis.crypto as Crypto).getRandomValues(new Uint8Array(bytes));
  const encoded = Buffer.from(value).toString("base64");
  try {
    // "wx": if another process won the race, read its value instead of overwriting it.
    fs.writeFileSync(file, `${encoded}\n`, { mode: 0o600, flag: "wx" });
    return encoded;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return fs.readFileSync(/* turbopackIgnore: true */ file, "utf8").trim();
  }
}

/** The app's public URL: NEXTAUTH_URL, else this machine on PORT (the first run needs neither). */
export function appUrl(): string {
  return process.env.NEXTAUTH_URL?.trim() || `http://localhost:${process.env.PORT ?? 3000}`;
}

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** A whole number from the environment (fractions are cut off). */
function wholeEnv(name: string, fallback: number): number {
  return Math.floor(intEnv(name, fallback));
}

/** Sign-in throttling, the ingestion rate limit and the client address they key on; 0 turns a limit off. */
export const abuseLimits = {
  /** Per API token: requests a second, and how many may come at once after a quiet spell. */
  ingestPerSecond: () => wholeEnv("INGEST_RATE_LIMIT_PER_SECOND", 100),
  ingestBurst: () => wholeEnv("INGEST_RATE_LIMIT_BURST", 200),
  /** Failed sign-ins allowed per window, per email and per client address. */
  signInFailuresPerAccount: () => wholeEnv("SIGN_IN_MAX_FAILURES_PER_ACCOUNT", 5),
  signInFailuresPerAddress: () => wholeEnv("SIGN_IN_MAX_FAILURES_PER_ADDRESS", 20),
  signInWindowMs: () => Math.max(1, wholeEnv("SIGN_IN_THROTTLE_WINDOW_MS", 15 * 60_000)),
  /**
   * How many reverse proxies in front of us append to X-Forwarded-For (TRUST_PROXY=1 for
   * one). Unset or 0: the header is ignored and the client is the socket's peer.
   */
  trustedProxyHops: () => {
    const raw = process.env.TRUST_PROXY?.trim().toLowerCase();
    if (raw === "true") return 1;
    return wholeEnv("TRUST_PROXY", 0);
  },
};

/** Whether a reverse proxy in front of us sets X-Forwarded-* (TRUST_PROXY): only then are they believed. */
export function trustsProxy(): boolean {
  return abuseLimits.trustedProxyHops() > 0;
}

export function allowPrivateTargets(): boolean {
  return process.env.WEBHOOK_ALLOW_PRIVATE === "1" || process.env.WEBHOOK_ALLOW_PRIVATE === "true";
}

/** Web processes can leave delivery to standalone `npm run worker` processes. */
export function isWorkerDisabledInWeb(): boolean {
  return process.env.WORKER_IN_WEB === "0" || process.env.WORKER_IN_WEB === "false";
}

export const limits = {
  ...FIELD_LIMITS,
  webhooksPerUser: () => intEnv("WEBHOOKS_PER_USER", 100),
  eventBodyMaxBytes: 256 * 1024,
  responseBodyMaxBytes: 64 * 1024,
};

/** Svix's schedule: the delay before attempt n+1 after attempt n failed (8 attempts). */
const DEFAULT_RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

export const deliveryConfig = {
  timeoutMs: () => intEnv("DELIVERY_TIMEOUT_MS", 10_000),
  /** Comma-separated delays in ms, e.g. "100,200,400" for tests. */
  retryScheduleMs: (): number[] => {
    const raw = process.env.DELIVERY_RETRY_SCHEDULE_MS;
    if (!raw) return DEFAULT_RETRY_SCHEDULE_MS;
    const parsed = raw.split(",").map((part) => Number(part.trim()));
    return parsed.every((n) => Number.isFinite(n) && n >= 0) ? parsed : DEFAULT_RETRY_SCHEDULE_MS;
  },
  /** After a 429 or a timeout the next attempt waits at least this long: the receiver is overloaded. */
  throttleMinDelayMs: () => intEnv("DELIVERY_THROTTLE_MIN_DELAY_MS", 60_000),
  retryAfterMaxMs: () => intEnv("DELIVERY_RETRY_AFTER_MAX_MS", 3_600_000),
  jitter: () => intEnv("DELIVERY_JITTER_PERCENT", 20) / 100,
  globalConcurrency: () => intEnv("DELIVERY_CONCURRENCY", 256),
  perEndpointConcurrency: () => intEnv("DELIVERY_ENDPOINT_CONCURRENCY", 32),
  batchSize: () => intEnv("DELIVERY_BATCH_SIZE", 200),
  leaseMs: () => intEnv("DELIVERY_LEASE_MS", 60_000),
  pollIntervalMs: () => intEnv("DELIVERY_POLL_INTERVAL_MS", 1_000),
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Secret rotation, auto-disable and retention; each window configurable for tests. */
export const maintenanceConfig = {
  /** How long the old secret still signs after a rotation. */
  secretRotationGraceMs: () => intEnv("SECRET_ROTATION_GRACE_MS", DAY_MS),
  /** A webhook whose every attempt failed for this long is disabled. */
  autoDisableAfterMs: () => intEnv("AUTO_DISABLE_AFTER_MS", 5 * DAY_MS),
  /** Attempts, and final deliveries and events, older than this are pruned. */
  retentionMs: () => intEnv("RETENTION_MS", 30 * DAY_MS),
  intervalMs: () => intEnv("MAINTENANCE_INTERVAL_MS", 60_000),
  /**
   * Rate-limit and sign-in throttle buckets untouched this long are deleted: by then every one
   * has refilled (the longest refill of them, at least an hour), the same as having no row.
   */
  idleBucketMs: () =>
    Math.max(
      60 * 60_000,
      abuseLimits.signInWindowMs(),
      Math.ceil((abuseLimits.ingestBurst() / Math.max(1, abuseLimits.ingestPerSecond())) * 1000),
    ),
};
