// Runs a bench/*.ts file as its own node process (node --import tsx, so the PID is node itself:
// /proc/<pid>/status then describes the measured process, and signals reach it directly).
// Children talk back with stdout lines "BENCH <json>".
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

export const ROOT = path.resolve(__dirname, "..");

export type ChildMessage = { type: string; [key: string]: unknown };

export type BenchChild = {
  proc: ChildProcess;
  pid: number;
  /** Resolves with the next message of that type (or rejects when the child exits first). */
  next(type: string, timeoutMs?: number): Promise<ChildMessage>;
  /** One line to the child's stdin (see onParentLine). */
  send(line: string): void;
  /** SIGTERM, then SIGKILL after graceMs; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
  exited: Promise<number | null>;
};

export function spawnBenchChild(file: string, env: Record<string, string | undefined>, nodeArgs: string[] = []): BenchChild {
  const proc = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(ROOT, file)], {
    cwd: ROOT,
    // Logging every failed attempt of the hanging-endpoint figure would be measured too.
    env: { LOG_LEVEL: "error", ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const queue: ChildMessage[] = [];
  const waiters: { type: string; resolve: (m: ChildMessage) => void; reject: (e: Error) => void }[] = [];
  let exitCode: number | null | undefined;

  readline.createInterface({ input: proc.stdout! }).on("line", (line) => {
    if (!line.startsWith("BENCH ")) {
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${path.basename(file)}] ${line}\n`);
      return;
    }
    const message = JSON.parse(line.slice(6)) as ChildMessage;
    const index = waiters.findIndex((w) => w.type === message.type);
    if (index === -1) queue.push(message);
    else waiters.splice(index, 1)[0].resolve(message);
  });

  const exited = new Promise<number | null>((resolve) => {
    proc.on("exit", (code) => {
      exitCode = code;
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`${file} exited (${code}) before "${waiter.type}"`));
      resolve(code);
    });
  });

  return {
    proc,
    pid: proc.pid!,
    exited,
    next(type, timeoutMs = 120_000) {
      const index = queue.findIndex((m) => m.type === type);
      if (index !== -1) return Promise.resolve(queue.splice(index, 1)[0]);
      if (exitCode !== undefined) return Promise.reject(new Error(`${file} exited (${exitCode}) before "${type}"`));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${file}: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          type,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
    },
    send(line) {
      proc.stdin!.write(`${line}\n`);
    },
    async stop(graceMs = 5_000) {
      if (exitCode !== undefined) return;
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** For children: one message to the parent. */
export function tellParent(message: ChildMessage): void {
  process.stdout.write(`BENCH ${JSON.stringify(message)}\n`);
}

/** For children: calls back on each line the parent sends, and onGone when the parent dies. */
export function onParentLine(listener: (line: string) => void, onGone: () => void): void {
  readline.createInterface({ input: process.stdin }).on("line", listener).on("close", onGone);
}

/** Peak resident set (VmHWM) of a live process, in MiB; undefined once it has exited. */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU ms (user + system) used so far by the live processes of a process group, from
 * /proc/<pid>/stat (in clock ticks of 10 ms, USER_HZ on Linux). For a server started in its
 * own group (next start and its children).
 */
export function processGroupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process exited while the directory was read.
    }
  }
  return ticks * 10;
}
