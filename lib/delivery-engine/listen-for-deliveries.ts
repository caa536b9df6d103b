import { databaseUrl } from "@/lib/config";
import { DELIVERY_CHANNEL } from "@/lib/delivery-engine/wake";

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
