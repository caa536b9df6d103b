import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { getDb } from "@/db";
import type { Database } from "@/db/types";
import { isDatabaseUnavailable, noteDatabaseAvailable, noteDatabaseUnavailable } from "@/db/unavailable";
import { databaseUrl } from "@/lib/config";
import { Backoff } from "@/lib/delivery-engine/backoff";
import { onSignalInProcess, signalInProcess } from "@/lib/delivery-engine/queue/in-process-signal";
import type { QueueListener } from "@/lib/delivery-engine/queue/queue";
import { log } from "@/lib/log";

// Across processes on Postgres: enqueue NOTIFYs DELIVERY_CHANNEL inside its transaction and
// wake() after a commit of its own; each worker LISTENs on a dedicated client (not a pool
// connection). If it drops (a restart, a terminated backend), it reconnects with a backoff,
// claims once after every (re)connect, and polling covers the gap.

const DELIVERY_CHANNEL = "docuhooks_deliveries";

/**
 * This process's name in its notifications. Whatever it notifies it also signals in-process
 * (enqueued(), wake()), so its own worker ignores them: at one claim per event, the echo
 * doubled the claims an ingesting process made.
 */
const PROCESS_TAG = randomBytes(8).toString("hex");

/** The NOTIFY, in `db`'s transaction when it is one: delivered to listeners when that commits. */
export async function notifyOtherProcesses(db: Kysely<Database>): Promise<void> {
  await sql`select pg_notify(${DELIVERY_CHANNEL}, ${PROCESS_TAG})`.execute(db);
}

export async function wakePostgres(): Promise<void> {
  signalInProcess();
  await notifyOtherProcesses(getDb());
}

export function listenPostgres(onWake: () => void): QueueListener {
  const unsubscribe = onSignalInProcess(onWake);
  let closed = false;
  let client: import("pg").Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  const backoff = new Backoff();

  const lost = (where: string, error: Error) => {
    // An outage is logged once (with the pool's own errors); anything else each time.
    if (isDatabaseUnavailable(error)) noteDatabaseUnavailable(where, error);
    else log.warn({ reason: error.message }, `${where} failed; polling until it is back`);
  };

  const connect = async () => {
    const pg = require("pg") as typeof import("pg");
    const current = new pg.Client({ connectionString: databaseUrl(), connectionTimeoutMillis: 5_000, keepAlive: true });
    client = current;
    current.on("notification", (message) => {
      if (message.payload !== PROCESS_TAG) onWake();
    });
    current.on("error", (error) => {
      if (closed) return;
      lost("delivery worker: LISTEN connection", error);
      reconnectLater(current);
    });
    // A connection closed without an error event still needs a new one.
    current.on("end", () => {
      if (!closed) reconnectLater(current);
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${DELIVERY_CHANNEL}`);
      if (closed) {
        await current.end();
        return;
      }
      backoff.reset();
      noteDatabaseAvailable();
      // Rows may have been queued while we were not listening.
      onWake();
    } catch (error) {
      if (closed) return;
      lost("delivery worker: LISTEN", error as Error);
      reconnectLater(current);
    }
  };

  const reconnectLater = (failed: import("pg").Client) => {
    failed.end().catch(() => {});
    if (client !== failed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!closed) void connect();
    }, backoff.nextDelayMs());
    retryTimer.unref();
  };

  void connect();
  return {
    async close() {
      closed = true;
      unsubscribe();
      if (retryTimer) clearTimeout(retryTimer);
      await client?.end().catch(() => {});
    },
  };
}
