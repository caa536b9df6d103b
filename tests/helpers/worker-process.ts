import { spawn } from "node:child_process";
import path from "node:path";

// A standalone worker (`npm run worker`: scripts/worker.ts under tsx) as a child process on the
// test's database, started as `node --import tsx` so no npx stands in between and it starts
// sooner. It gets its own process group, so SIGKILL reaches everything it started.

export type WorkerProcess = {
  pid: number;
  /** Resolves when the worker has migrated and started delivering. */
  started: Promise<void>;
  output(): string;
  /** SIGKILL goes to the whole group; others to the worker itself. */
  signal(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
};

const repoRoot = path.resolve(import.meta.dirname, "..", "..");

export function spawnWorker(env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.includes("Docuhooks delivery worker, pid")) markStarted();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  void exited.then(() => markStarted());
  return {
    pid: child.pid!,
    started,
    output: () => output,
    signal(signal) {
      const workerPid = Number(output.match(/Docuhooks delivery worker, pid (\d+)/)?.[1]);
      try {
        if (signal !== "SIGKILL" && workerPid) process.kill(workerPid, signal);
        else process.kill(-child.pid!, signal);
      } catch {
        // Already gone.
      }
    },
    exited,
  };
}

/** Ends every worker a test started, whatever state it is in. */
export async function killAll(workers: WorkerProcess[]): Promise<void> {
  for (const worker of workers) worker.signal("SIGKILL");
  await Promise.all(workers.map((worker) => worker.exited));
}
