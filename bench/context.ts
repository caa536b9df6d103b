import type { Receiver } from "./receiver-client";

/** What every figure gets from bench/run.ts. */
export type BenchContext = {
  quick: boolean;
  receiver: Receiver;
  tempDir: string;
  /** When set, worker children run with node --cpu-prof into this directory. */
  cpuProfDir?: string;
  /** Runs at the end of the bench, even after a failure (drop databases, stop processes). */
  onCleanup(fn: () => Promise<void>): void;
  log(message: string): void;
};
