import { EventEmitter } from "node:events";

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
