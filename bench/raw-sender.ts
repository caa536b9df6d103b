// Baseline 1: raw undici. Signed 1 KB POSTs to the receiver with many in flight over a
// keep-alive Agent: no database, no queue. What the delivery engine is compared with.
// Env: BENCH_URLS (comma-separated, used round robin), BENCH_N, BENCH_INFLIGHT.
import { Agent, request } from "undici";
import { tellParent } from "./child";
import { benchDocument, envelopeJson, signedHeaders } from "./fixtures";

const urls = process.env.BENCH_URLS!.split(",");
const total = Number(process.env.BENCH_N ?? 20_000);
const inflight = Number(process.env.BENCH_INFLIGHT ?? 256);
const agent = new Agent({ keepAliveTimeout: 60_000, connections: inflight, pipelining: 1 });

async function send(i: number): Promise<void> {
  const url = urls[i % urls.length];
  const body = envelopeJson(benchDocument(i), new Date().toISOString(), url);
  const res = await request(url, { method: "POST", dispatcher: agent, headers: signedHeaders(`msg_raw_${i}`, body), body });
  await res.body.dump();
  if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`receiver answered ${res.statusCode}`);
}

async function run(count: number, offset: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count) await send(offset + next++);
  };
  await Promise.all(Array.from({ length: Math.min(inflight, count) }, lane));
  return performance.now() - started;
}

async function main() {
  await run(Math.min(2_000, total), 10_000_000); // warm the JIT and open the sockets
  tellParent({ type: "warm" });
  const cpuBefore = process.cpuUsage();
  const elapsedMs = await run(total, 0);
  const cpu = process.cpuUsage(cpuBefore);
  tellParent({ type: "done", n: total, elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000 });
  await agent.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
