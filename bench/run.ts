// npm run bench [-- --quick] [-- --only=throughput,ingestion,latency,backlog,hang,ratelimit,health] [-- --cpu-prof]
//   [-- --build | --no-build] [-- --backlog-sqlite-only] [-- --peers=raw,graphile,bullmq] [-- --pg-statements]
// Measures the delivery engine and ingestion against baselines from the same run on this
// machine and prints one table (docs/benchmarks.md explains each figure). Not a test: nothing
// here asserts; a missed target is printed as MISS.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb } from "@/db";
import { type BenchDatabase, benchTempDir, createPgDatabase, createSqliteDatabase } from "./bench-db";
import { ROOT } from "./child";
import { type BenchContext, PEERS, type Peer } from "./context";
import { backlogFigures } from "./figures/backlog";
import { deliveryThroughputFigures } from "./figures/delivery-throughput";
import { hangingEndpointFigures } from "./figures/hanging-endpoint";
import { healthQueryFigures } from "./figures/health-query";
import { ingestionFigures } from "./figures/ingestion";
import { latencyFigures } from "./figures/latency";
import { rateLimitFigures } from "./figures/rate-limit";
import { startProfiledPostgres } from "./pg-statements";
import { startReceiver } from "./receiver-client";
import { missingRow, type Row, renderTable } from "./table";

const FIGURES = ["throughput", "ingestion", "latency", "backlog", "hang", "ratelimit", "health"] as const;
type Figure = (typeof FIGURES)[number];

function parseArgs(argv: string[]) {
  const quick = argv.includes("--quick");
  const only = argv
    .find((a) => a.startsWith("--only="))
    ?.slice("--only=".length)
    .split(",") as Figure[] | undefined;
  for (const name of only ?? [])
    if (!FIGURES.includes(name)) throw new Error(`unknown figure "${name}"; use ${FIGURES.join(", ")}`);
  const peers = argv
    .find((a) => a.startsWith("--peers="))
    ?.slice("--peers=".length)
    .split(",") as Peer[] | undefined;
  for (const name of peers ?? []) if (!PEERS.includes(name)) throw new Error(`unknown peer "${name}"; use ${PEERS.join(", ")}`);
  return {
    quick,
    peers: new Set<Peer>(peers ?? PEERS),
    figures: new Set<Figure>(only ?? FIGURES),
    cpuProf: argv.includes("--cpu-prof"),
    pgStatements: argv.includes("--pg-statements"),
    /** The big-backlog figure on SQLite only (Postgres's 1M load and drain take the longest). */
    backlogSqliteOnly: argv.includes("--backlog-sqlite-only"),
    build: argv.includes("--build") ? true : argv.includes("--no-build") ? false : undefined,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const tempDir = benchTempDir();
  // Children inherit these: one encryption key for the seeded secrets, loopback targets allowed.
  process.env.APP_ENCRYPTION_KEY = "docuhooks-bench-key";
  process.env.DATA_DIR = tempDir;
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  const cleanups: (() => Promise<void>)[] = [];
  const rows: Row[] = [];
  const started = Date.now();
  const ctx: BenchContext = {
    quick: args.quick,
    peers: args.peers,
    pgStatements: args.pgStatements,
    receiver: await startReceiver(),
    tempDir,
    cpuProfDir: args.cpuProf ? path.join(ROOT, "bench", "profiles") : undefined,
    onCleanup: (fn) => void cleanups.push(fn),
    log: (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`),
  };
  ctx.onCleanup(() => ctx.receiver.stop());
  // Registered first, so it is removed last, after the figures' databases are dropped.
  if (args.pgStatements) ctx.onCleanup(await startProfiledPostgres());
  let interrupted = false;
  const cleanUp = async () => {
    await closeDb().catch(() => undefined);
    for (const fn of cleanups.reverse()) await fn().catch((error) => console.error(`cleanup: ${(error as Error).message}`));
    fs.rmSync(tempDir, { recursive: true, force: true });
  };
  process.on("SIGINT", () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error("interrupted: cleaning up (Ctrl-C again to leave now)");
    void cleanUp().then(() => {
      console.log(`\ninterrupted: the figures measured so far\n\n${renderTable(rows)}`);
      process.exit(130);
    });
  });

  const fresh = async (name: string): Promise<{ sqlite: BenchDatabase; postgres: BenchDatabase }> => {
    const sqlite = await createSqliteDatabase(tempDir, name);
    const postgres = await createPgDatabase(name);
    ctx.onCleanup(postgres.drop);
    return { sqlite, postgres };
  };

  const loadAtStart = os.loadavg()[0];
  ctx.log(
    `docuhooks bench${args.quick ? " --quick" : ""}: receiver on ${ctx.receiver.origins.length} loopback ports (pid ${ctx.receiver.pid}); load average ${loadAtStart.toFixed(2)} on ${os.cpus().length} CPUs`,
  );
  const attempt = async (figure: Figure, fallback: Row[], run: () => Promise<Row[]>) => {
    if (!args.figures.has(figure)) return;
    try {
      const measured = await run();
      rows.push(...measured);
      for (const row of measured) {
        const verdict = row.pass === undefined ? "n/a" : row.pass ? "pass" : "MISS";
        ctx.log(
          `=> ${row.figure}: ${row.ours} vs ${row.baseline}${row.ratio === undefined ? "" : ` = ${row.ratio.toFixed(2)}`} (target ${row.target}: ${verdict})`,
        );
      }
    } catch (error) {
      console.error(`${figure}: ${(error as Error).stack}`);
      rows.push(...fallback.map((row) => ({ ...row, note: `${(error as Error).message}`.slice(0, 200) })));
    }
  };
  try {
    await attempt(
      "throughput",
      [missingRow("deliveries/s ÷ raw undici / graphile-worker / BullMQ", "≥ 0.70 / 0.60 / 1.30 / 1.8 / 1.5", "")],
      async () => deliveryThroughputFigures(ctx, await fresh("throughput")),
    );
    await attempt("latency", [missingRow("event → first attempt p50 / p99", "≤ 3 / 15 ms", "")], async () =>
      latencyFigures(ctx, await fresh("latency")),
    );
    await attempt("hang", [missingRow("healthy endpoints' deliveries/s, one hanging ÷ none", "≥ 0.90", "")], async () =>
      hangingEndpointFigures(ctx, await fresh("hang")),
    );
    await attempt("ratelimit", [missingRow("endpoint limited to 50/s, received ÷ its limit", "0.90–1.10", "")], async () =>
      rateLimitFigures(ctx, await fresh("ratelimit")),
    );
    await attempt("ingestion", [missingRow("ingestion, fan-out to 10 ÷ trivial route", "≥ 0.60", "")], async () =>
      ingestionFigures(ctx, await fresh("ingest"), args.build),
    );
    await attempt("health", [missingRow("health strip query, attempts in one webhook's 24 h", "≤ 20 ms both", "")], async () =>
      healthQueryFigures(ctx, await fresh("health")),
    );
    await attempt("backlog", [missingRow("deliveries/s with a big backlog ÷ small", "≥ 0.90", "")], async () =>
      backlogFigures(ctx, await fresh("backlog"), args.backlogSqliteOnly),
    );
  } finally {
    await cleanUp();
  }
  const loadAtEnd = os.loadavg()[0];
  console.log(
    `\ndocuhooks bench${args.quick ? " --quick" : ""}, ${new Date().toISOString()}, ${((Date.now() - started) / 1000).toFixed(0)} s, ${os.cpus().length} CPUs, load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end\n`,
  );
  console.log(renderTable(rows));
  if (args.quick) {
    console.log(
      "\nQuick run: smaller sizes and one run per side (e.g. 3,000 deliveries where a full run drains 20,000 three times); the peers get the same settings as in a full run. Its ratios are NOT comparable with a full run's: set-up and warm-up weigh more in short runs, and not equally on every side.",
    );
  }
  if (Math.max(loadAtStart, loadAtEnd) > os.cpus().length * 0.75) {
    console.log(
      `\nNote: other work was running on this machine (load average above ${(os.cpus().length * 0.75).toFixed(1)}): wall-clock rates are depressed and noisy; the CPU µs per delivery in the log are the steadier comparison.`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
