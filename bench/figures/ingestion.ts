// Ingestion: POST /api/v1/events with fan-out to 10 webhooks (event + 10 delivery rows in one
// transaction) against GET /api/health, a route that does nothing, on the same `next start`
// server, driven at fixed concurrency from this process. Delivery is kept out of the server
// (WORKER_IN_WEB=0) so it measures ingestion alone.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Pool } from "undici";
import { getDb } from "@/db";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { type BenchDatabase, clearOutbox, seedUserWithWebhooks, switchDatabase } from "../bench-db";
import { processGroupCpuMs, ROOT } from "../child";
import type { BenchContext } from "../context";
import { benchDocument } from "../fixtures";
import { cpuUs, fmtRate, type Row } from "../table";

const PORT = Number(process.env.BENCH_NEXT_PORT ?? 3300);
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? ROOT);
const FAN_OUT = 10;
const CONCURRENCY = 32;

type Server = { origin: string; stop(): Promise<void>; cpuMs(): number };

/**
 * `next start` on PORT against the database, optionally after `next build`, in APP_DIR.
 * BENCH_APP_DIR points at another checkout (e.g. a `git archive` export with node_modules
 * linked) when this tree has work in progress; BENCH_NEXT_LOCK names a lock file held (flock)
 * while building and serving, for trees where other jobs share the .next directory.
 */
async function startServer(ctx: BenchContext, db: BenchDatabase, build: boolean): Promise<Server> {
  const next = "node_modules/next/dist/bin/next";
  // --cpu-prof: the server writes its profile beside the worker children's when it stops.
  const profile = ctx.cpuProfDir ? `--cpu-prof --cpu-prof-dir=${ctx.cpuProfDir}` : "";
  const script = `${build ? `npx next build >${path.join(ctx.tempDir, "next-build.log")} 2>&1 && ` : ""}exec node ${profile} ${next} start -p ${PORT} -H 127.0.0.1`;
  const lock = process.env.BENCH_NEXT_LOCK;
  const [command, args] = lock ? ["flock", [lock, "bash", "-c", script]] : ["bash", ["-c", script]];
  const proc = spawn(command as string, args as string[], {
    cwd: APP_DIR,
    detached: true, // its own process group: stopping it stops next-server too
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      WORKER_IN_WEB: "0",
      NODE_ENV: "production",
      PORT: String(PORT),
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      NEXTAUTH_SECRET: "docuhooks-bench",
      // The figure is the ingestion path's own speed: the per-token limit stays on (its cost
      // is measured) but far above what one client can send.
      INGEST_RATE_LIMIT_PER_SECOND: "1000000",
      INGEST_RATE_LIMIT_BURST: "1000000",
    },
  });
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    proc.on("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    process.kill(-proc.pid!, "SIGTERM");
    const timer = setTimeout(() => !exited && process.kill(-proc.pid!, "SIGKILL"), 5_000);
    await gone;
    clearTimeout(timer);
  };
  ctx.onCleanup(stop);
  const origin = `http://127.0.0.1:${PORT}`;
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (exited) {
      const log = path.join(ctx.tempDir, "next-build.log");
      throw new Error(
        `next ${build ? "build/start" : "start"} exited${fs.existsSync(log) ? `: ${fs.readFileSync(log, "utf8").slice(-500)}` : ""}`,
      );
    }
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.status === 200) break;
      if (res.status === 404) throw new Error("GET /api/health is 404: the .next build predates it (run without --no-build)");
    } catch (error) {
      if ((error as Error).message.includes("404")) {
        await stop();
        throw error;
      }
    }
    if (Date.now() > deadline) throw new Error("next start did not answer within 15 min");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, stop, cpuMs: () => processGroupCpuMs(proc.pid!) };
}

type Load = { ok: number; errors: number; statuses: Record<number, number>; perSecond: number; serverCpuMs: number };

/** CONCURRENCY lanes each sending back to back for `seconds`; counts the expected answers. */
async function drive(
  server: Server,
  pool: Pool,
  seconds: number,
  expect: number,
  options: { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string },
): Promise<Load> {
  const load: Load = { ok: 0, errors: 0, statuses: {}, perSecond: 0, serverCpuMs: 0 };
  const cpuBefore = server.cpuMs();
  const started = performance.now();
  const until = started + seconds * 1000;
  const lane = async () => {
    while (performance.now() < until) {
      const res = await pool.request(options);
      await res.body.dump();
      if (res.statusCode === expect) load.ok++;
      else {
        load.errors++;
        load.statuses[res.statusCode] = (load.statuses[res.statusCode] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  load.perSecond = (load.ok / (performance.now() - started)) * 1000;
  load.serverCpuMs = server.cpuMs() - cpuBefore;
  return load;
}

async function ingestionOn(ctx: BenchContext, db: BenchDatabase, build: boolean): Promise<Row> {
  const label = db.label === "sqlite" ? "SQLite" : "Postgres";
  await switchDatabase(db);
  await clearOutbox();
  const { userId } = await seedUserWithWebhooks(ctx.receiver.urls(FAN_OUT));
  const created = await createApiToken(userId, { name: "bench" });
  if (!created.ok) throw new Error(`could not create an API token: ${created.message}`);
  ctx.log(`ingestion on ${label}: ${build ? "next build, then " : ""}next start on :${PORT} (WORKER_IN_WEB=0)`);
  const server = await startServer(ctx, db, build);
  const pool = new Pool(server.origin, { connections: CONCURRENCY, keepAliveTimeout: 30_000 });
  try {
    const events = {
      method: "POST" as const,
      path: "/api/v1/events",
      headers: { authorization: `Bearer ${created.token.token}`, "content-type": "application/json" },
      body: JSON.stringify({ event: "document.signed", payload: benchDocument(1) }),
    };
    const health = { method: "GET" as const, path: "/api/health" };
    // Warm both routes (module loading, JIT), then alternate measured rounds.
    await drive(server, pool, 1, 200, health);
    const warm = await drive(server, pool, 1, 202, events);
    if (warm.ok === 0) throw new Error(`POST /api/v1/events never answered 202: ${JSON.stringify(warm.statuses)}`);
    const seconds = ctx.quick ? 2 : 4;
    const rounds = ctx.quick ? 1 : 2;
    const h: Load[] = [];
    const e: Load[] = [];
    for (let round = 0; round < rounds; round++) {
      h.push(await drive(server, pool, seconds, 200, health));
      e.push(await drive(server, pool, seconds, 202, events));
    }
    const mean = (loads: Load[]) => loads.reduce((sum, l) => sum + l.perSecond, 0) / loads.length;
    /** The server's CPU per answered request over all rounds of one route. */
    const cpuPerRequest = (loads: Load[]) =>
      cpuUs(
        loads.reduce((sum, l) => sum + l.serverCpuMs, 0),
        loads.reduce((sum, l) => sum + l.ok, 0),
      );
    const trivial = mean(h);
    const ingest = mean(e);
    const errors = [...h, ...e].reduce((sum, l) => sum + l.errors, 0);
    const { n } = await getDb()
      .selectFrom("deliveries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    ctx.log(
      `  health ${fmtRate(trivial)}, events ${fmtRate(ingest)} (${fmtRate(ingest * FAN_OUT)} delivery rows); ${Number(n).toLocaleString("en-US")} rows written; ${errors} unexpected answers`,
    );
    return {
      figure: `ingestion, fan-out to 10 ÷ trivial route, ${label}`,
      ours: `${fmtRate(ingest)} events`,
      baseline: fmtRate(trivial),
      ratio: ingest / trivial,
      cpuUs: { ours: cpuPerRequest(e), baseline: cpuPerRequest(h) },
      target: "≥ 0.60",
      pass: ingest / trivial >= 0.6,
      note: errors
        ? `${errors} answers were not the expected 202/200: ${JSON.stringify([...h, ...e].map((l) => l.statuses))}`
        : undefined,
    };
  } finally {
    await pool.close();
    await server.stop();
  }
}

/** build: true always builds, false never, undefined builds unless --quick finds a build. */
export async function ingestionFigures(
  ctx: BenchContext,
  dbs: { sqlite: BenchDatabase; postgres: BenchDatabase },
  build?: boolean,
): Promise<Row[]> {
  const hasBuild = fs.existsSync(path.join(APP_DIR, ".next", "BUILD_ID"));
  const buildFirst = build ?? (!ctx.quick || !hasBuild);
  const rows = [await ingestionOn(ctx, dbs.sqlite, buildFirst)];
  if (!ctx.quick) rows.push(await ingestionOn(ctx, dbs.postgres, false));
  return rows;
}
