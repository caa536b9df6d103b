import { EventEmitter } from "node:events";
import { sql } from "kysely";
import { getDb, getDialect } from "@/db";
import { databaseUrl } from "@/lib/config";

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
// dedicated client (not a pool connection) holds the LISTEN; if it drops, it reconnects,
// and polling covers the gap.

const RECONNECT_DELAY_MS = 1_000;

export type DeliveryListener = { close(): Promise<void> };

export function listenForDeliveries(onNotify: () => void): DeliveryListener {
  let closed = false;
  let client: import("pg").Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const pg = require("pg") as typeof import("pg");
    const current = new pg.Client({ connectionString: databaseUrl() });
    client = current;
    current.on("notification", () => onNotify());
    current.on("error", (error) => {
      if (closed) return;
      console.error(`delivery worker: LISTEN connection lost (${error.message}); polling until it is back`);
      reconnectLater(current);
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${DELIVERY_CHANNEL}`);
      if (closed) await current.end();
      // Rows may have been queued while we were not listening.
      else onNotify();
    } catch (error) {
      if (closed) return;
      console.error(`delivery worker: cannot LISTEN (${(error as Error).message}); polling until it can`);
      reconnectLater(current);
    }
  };

  const reconnectLater = (failed: import("pg").Client) => {
    failed.end().catch(() => {});
    if (client !== failed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!closed) void connect();
    }, RECONNECT_DELAY_MS);
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
