import type { CompiledQuery, DatabaseConnection, Driver } from "kysely";
import { DATABASE_UNAVAILABLE_DIGEST, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable-message";
import { log } from "@/lib/log";

// The one place that decides whether an error means "the database cannot be reached right
// now" (a restart, a failover, a terminated backend, a lock held past busy_timeout) rather
// than a bug. Such errors answer 503 with Retry-After, show the error pages' database
// message, and make workers back off; everything else stays a 500.

/** Postgres SQLSTATEs of a server going away or refusing work for a moment. */
const PG_UNAVAILABLE_CODES = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend, a fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up, shutting down, in recovery
  "57014", // query_canceled: statement_timeout fired, the server is too slow to answer
  "53300", // too_many_connections
]);

/** Socket errors of the connection to the server (ENOENT: its Unix socket is gone). */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/** SQLITE_BUSY and SQLITE_LOCKED (and their extended codes) reach us only after busy_timeout. */
const SQLITE_UNAVAILABLE_PREFIXES = ["SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN"];

/** What node-postgres and pg-pool say, without a code, when the connection is lost or never made. */
const PG_CLIENT_MESSAGES = [
  /^Connection terminated/, // unexpectedly, or "due to connection timeout"
  /^timeout exceeded when trying to connect$/, // pg-pool's connectionTimeoutMillis
  /^Query read timeout$/, // query_timeout: no answer on the socket
  /^Client has encountered a connection error and is not queryable$/,
];

type ErrorLike = { code?: unknown; message?: unknown; syscall?: unknown; cause?: unknown; errors?: unknown; digest?: unknown };

export function isDatabaseUnavailable(error: unknown): boolean {
  return isUnavailable(error, 0);
}

function isUnavailable(error: unknown, depth: number): boolean {
  if (!error || typeof error !== "object" || depth > 3) return false;
  const e = error as ErrorLike;
  // Compared by digest, not instanceof: each route bundle may hold its own copy of this module.
  if (e.digest === DATABASE_UNAVAILABLE_DIGEST) return true;
  const code = typeof e.code === "string" ? e.code : "";
  if (PG_UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (NETWORK_CODES.has(code) || (code === "ENOENT" && e.syscall === "connect")) return true;
  if (SQLITE_UNAVAILABLE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
  const message = typeof e.message === "string" ? e.message : "";
  if (!code && PG_CLIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // Node reports a failed connection to a host with several addresses as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isUnavailable(inner, depth + 1))) return true;
  return isUnavailable(e.cause, depth + 1);
}

/**
 * Thrown in place of a driver error that isDatabaseUnavailable: it carries the digest the
 * error pages recognise (Next keeps an error's own digest) and the original as `cause`.
 */
export class DatabaseUnavailableError extends Error {
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  readonly code: string | undefined;

  constructor(cause: unknown) {
    // The sentence a person may see (next-auth shows a thrown error's message): the cause is
    // in `code` and `cause`, and in the log.
    super(DATABASE_UNAVAILABLE_MESSAGE, { cause });
    const code = codeOf(cause);
    this.name = "DatabaseUnavailableError";
    this.code = code;
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as ErrorLike | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

function reasonOf(error: unknown): string {
  const message = (error as ErrorLike | undefined)?.message;
  return typeof message === "string" ? message : String(error);
}

// One outage, one warning: a web process answering hundreds of 503s, or a worker retrying
// every few seconds, logs when the database went away and when it came back, not each try.
const outage = ((globalThis as unknown as { __docuhooksDbOutage?: { since?: number } }).__docuhooksDbOutage ??= {});

/** Logs the start of an outage (once, until noteDatabaseAvailable). `where` names the caller. */
export function noteDatabaseUnavailable(where: string, error: unknown): void {
  if (outage.since !== undefined) return;
  outage.since = Date.now();
  // Connection errors name a cause (57P01, ECONNREFUSED 127.0.0.1:5432), never a row value.
  log.warn({ where, code: codeOf(error), reason: reasonOf(error) }, "database unreachable: retrying until it is back");
}

/** Ends an outage, if one was noted: called after any query that succeeded. */
export function noteDatabaseAvailable(): void {
  if (outage.since === undefined) return;
  const downMs = Date.now() - outage.since;
  outage.since = undefined;
  log.info({ downMs }, "database reachable again");
}

/** The error to throw for `error`: a DatabaseUnavailableError when it is one, else itself. */
export function classifyDatabaseError(where: string, error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  noteDatabaseUnavailable(where, error);
  return (error as ErrorLike).digest === DATABASE_UNAVAILABLE_DIGEST ? error : new DatabaseUnavailableError(error);
}

/**
 * Wraps a Kysely driver so every query and connection it makes reports through here: errors
 * of an unreachable database become DatabaseUnavailableError, and a success ends an outage.
 * Connections are patched in place (the driver releases them through private members).
 */
export function reportingAvailability(driver: Driver): Driver {
  const patched = new WeakSet<DatabaseConnection>();
  const acquire = driver.acquireConnection.bind(driver);
  driver.acquireConnection = async () => {
    let connection: DatabaseConnection;
    try {
      connection = await acquire();
    } catch (error) {
      throw classifyDatabaseError("database connect", error);
    }
    if (!patched.has(connection)) {
      patched.add(connection);
      const execute = connection.executeQuery.bind(connection);
      connection.executeQuery = async <R>(query: CompiledQuery) => {
        try {
          const result = await execute<R>(query);
          noteDatabaseAvailable();
          return result;
        } catch (error) {
          throw classifyDatabaseError("database query", error);
        }
      };
    }
    return connection;
  };
  return driver;
}
