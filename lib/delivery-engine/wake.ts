import { EventEmitter } from "node:events";
import { sql } from "kysely";
import { getDb, getDialect } from "@/db";
import { isDatabaseUnavailable, noteDatabaseAvailable, noteDatabaseUnavailable } from "@/db/unavailable";
import { databaseUrl } from "@/lib/config";
import { Backoff } from "@/lib/delivery-engine/backoff";
import { log } from "@/lib/log";

// New work wakes a worker at once. In one process this is an event; across processes on
// Postgres, ingestion also NOTIFYs DELIVERY_CHANNEL inside its transaction and workers LISTEN.
// Polling stays only as the fallback.

export const DELIVERY_CHANNEL = "docuhooks_deliveries";

const globalWake = globalThis as unknown as { __docuhooksWake?: EventEmitter };
const emitter = (globalWake.__docuhooksWake ??= new EventEmitter().setMaxListeners(100));

export function signalNewDeliveries(): void {
  emitter.emit("wake");
}

/** Subscribes to wake-ups; returns the unsubscribe function. */
export function onNewDeliveries(listener: () => void): () => void {
  emitter.on("wake", listener);
  return () => emitter.off("wake", listener);
}

/**
 * Wakes workers after committed requeues: this process's worker by the in-process signal,
 * standalone workers on Postgres by NOTIFY (ingestion does the same inside its
 * transaction). Polling would find the rows anyway; this makes "Resend" immediate.
 */
export async function notifyWorkers(): Promise<void> {
  signalNewDeliveries();
  if (getDialect() === "postgres") await sql`select pg_notify(${DELIVERY_CHANNEL}, '')`.execute(getDb());
}

// Cross-process wake-up on Postgres: ingestion NOTIFYs DELIVERY_CHANNEL inside its
// transaction, so workers in other processes hear of new work the moment it commits. A
// dedicated client (not a pool connection) holds the LISTEN; if it drops (a restart, a
// terminated backend), it reconnects with a backoff, and polling covers the gap.

export type DeliveryListener = { close(): Promise<void> };

export function listenForDeliveries(onNotify: () => void): DeliveryListener {
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
    current.on("notification", () => onNotify());
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
      onNotify();
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
      if (retryTimer) clearTimeout(retryTimer);
      await client?.end().catch(() => {});
    },
  };
}
