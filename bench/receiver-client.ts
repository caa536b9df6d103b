// The parent's handle on bench/receiver.ts: start it, read and reset its counters.
import { request } from "undici";
import { spawnBenchChild } from "./child";
import { BENCH_SECRET } from "./fixtures";

export type ReceiverStats = {
  total: number;
  byPath: Record<string, number>;
  verified: number;
  badSignatures: number;
  hangingOpen: number;
  latencyCount: number;
  firstAt: number;
  lastAt: number;
};

export type Receiver = {
  /** One origin per receiver port: separate endpoints as far as per-endpoint caps go. */
  origins: string[];
  /** `count` healthy webhook URLs, each on its own origin: ORIGIN_k/<kind>/k. */
  urls(count: number, kind?: "wh" | "lat"): string[];
  /** A URL whose requests are never answered, on an origin no healthy URL uses. */
  hangUrl: string;
  pid: number;
  stats(): Promise<ReceiverStats>;
  reset(): Promise<void>;
  latencies(): Promise<number[]>;
  stop(): Promise<void>;
};

async function getJson<T>(url: string): Promise<T> {
  const res = await request(url);
  return (await res.body.json()) as T;
}

export async function startReceiver(): Promise<Receiver> {
  const child = spawnBenchChild("bench/receiver.ts", { BENCH_SECRET });
  const { ports } = (await child.next("ready", 30_000)) as unknown as { ports: number[] };
  const origins = ports.map((port) => `http://127.0.0.1:${port}`);
  const origin = origins[0];
  const healthy = origins.length - 1;
  return {
    origins,
    urls: (count, kind = "wh") => Array.from({ length: count }, (_, k) => `${origins[k % healthy]}/${kind}/${k}`),
    hangUrl: `${origins[healthy]}/hang`,
    pid: child.pid,
    stats: () => getJson<ReceiverStats>(`${origin}/__stats`),
    reset: async () => void (await getJson(`${origin}/__reset`)),
    latencies: () => getJson<number[]>(`${origin}/__latencies`),
    stop: () => child.stop(2_000),
  };
}

/** Requests counted on paths starting with `prefix` since the last reset. */
export function arrivalsOn(stats: ReceiverStats, prefix: string): number {
  return Object.entries(stats.byPath).reduce((sum, [path, n]) => (path.startsWith(prefix) ? sum + n : sum), 0);
}

/** Polls until the receiver has counted `count` requests on paths starting with `prefix`. */
export async function waitForArrivals(
  receiver: Receiver,
  prefix: string,
  count: number,
  timeoutMs: number,
  pollMs = 10,
): Promise<ReceiverStats> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = await receiver.stats();
    const arrived = arrivalsOn(stats, prefix);
    if (arrived >= count) return stats;
    if (Date.now() > deadline) throw new Error(`only ${arrived}/${count} requests on ${prefix}* arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
