// Redis for the BullMQ baseline: the server at BENCH_REDIS_URL (redis://127.0.0.1:6379) when
// it answers, as on these machines, else a `redis-server` started on that port for the run
// (nothing saved to disk) and stopped at the end. The server may be shared: the bench only
// touches keys under its own prefix and removes them.
import { spawn } from "node:child_process";
import { Redis } from "ioredis";
import type { BenchContext } from "./context";

export const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** The URL of a Redis that answers, starting one when none does. */
export async function findOrStartRedis(ctx: BenchContext): Promise<string> {
  if (await answers(REDIS_URL)) return REDIS_URL;
  const port = new URL(REDIS_URL).port || "6379";
  ctx.log(`  no Redis answers at ${REDIS_URL}: starting redis-server on port ${port}`);
  const proc = spawn("redis-server", ["--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    detached: true,
    stdio: "ignore",
  });
  const failed = new Promise<never>((_, reject) => {
    proc.on("error", (error) => reject(new Error(`redis-server could not start: ${error.message}`)));
    proc.on("exit", (code) => reject(new Error(`redis-server exited (${code})`)));
  });
  failed.catch(() => undefined);
  ctx.onCleanup(async () => {
    if (proc.exitCode === null) process.kill(-proc.pid!, "SIGTERM");
  });
  const deadline = Date.now() + 10_000;
  while (!(await Promise.race([answers(REDIS_URL), failed]))) {
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return REDIS_URL;
}
