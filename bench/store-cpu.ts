// CPU ms used so far by a store's server processes (Postgres or Redis on this machine), so a
// delivery's cost can be given with the database's share beside the worker's. Read from
// /proc/<pid>/stat: utime + stime of every live process with that command name, plus the
// cutime + cstime of the ones whose parent is not such a process. Postgres's postmaster reaps
// its backends, so a connection that closed during the run still has its CPU counted there.
// The figure is the whole server's: run it with nothing else using the store.
import fs from "node:fs";

export type StoreServer = "postgres" | "redis-server";

type ProcStat = { pid: number; comm: string; ppid: number; cpuTicks: number; reapedTicks: number };

function readStat(pid: string): ProcStat | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      pid: Number(pid),
      comm,
      ppid: Number(fields[1]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      reapedTicks: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined; // the process exited while /proc was read
  }
}

/** CPU ms (ticks of 10 ms, USER_HZ on Linux) the store's processes have used so far. */
export function storeCpuMs(server: StoreServer): number {
  const stats = fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(readStat)
    .filter((stat): stat is ProcStat => stat?.comm === server);
  const pids = new Set(stats.map((stat) => stat.pid));
  let ticks = 0;
  for (const stat of stats) ticks += stat.cpuTicks + (pids.has(stat.ppid) ? 0 : stat.reapedTicks);
  return ticks * 10;
}
