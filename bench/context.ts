import type { Receiver } from "./receiver-client";

/** What every figure gets from bench/run.ts. */
/** The baselines the throughput figure measures ours against. */
export const PEERS = ["raw", "graphile", "bullmq"] as const;
export type Peer = (typeof PEERS)[number];

export type BenchContext = {
  quick: boolean;
  /** Which baselines the throughput figure runs (--peers=; all by default). */
  peers: Set<Peer>;
  receiver: Receiver;
  tempDir: string;
  /** --pg-statements: Postgres is a cluster with pg_stat_statements; the throughput figure prints it. */
  pgStatements: boolean;
  /** When set, worker children run with node --cpu-prof into this directory. */
  cpuProfDir?: string;
  /** Runs at the end of the bench, even after a failure (drop databases, stop processes). */
  onCleanup(fn: () => Promise<void>): void;
  log(message: string): void;
};
