import { EventEmitter } from "node:events";

// New work wakes this process's worker at once, on every database: an event on globalThis,
// shared by every route bundle of the process (Next.js may load this module more than once).

const globalWake = globalThis as unknown as { __docuhooksWake?: EventEmitter };
const emitter = (globalWake.__docuhooksWake ??= new EventEmitter().setMaxListeners(100));

export function signalInProcess(): void {
  emitter.emit("wake");
}

/** Subscribes to this process's wake-ups; returns the unsubscribe function. */
export function onSignalInProcess(listener: () => void): () => void {
  emitter.on("wake", listener);
  return () => emitter.off("wake", listener);
}
