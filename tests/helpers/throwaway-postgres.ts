import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port";

// A PostgreSQL cluster of the test's own (initdb into a temp dir, pg_ctl on a free port), for
// tests that stop, restart or break the server: never the machine's shared one. initdb and
// pg_ctl come from scripts/ensure-postgres.sh --bin, which installs Debian's postgresql when
// they are missing, so such a test fails loudly rather than being skipped.

const run = promisify(execFile);
// Every runner that uses this (vitest, Playwright, npm run soak) starts in the repository root;
// no import.meta, so Playwright can load it as it loads the other helpers.
const repoRoot = process.cwd();

export type ThrowawayPostgres = {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** Ends every other backend, as a failover or an operator's pg_terminate_backend does. */
  terminateBackends(): Promise<number>;
  /** pg_ctl stop -m fast: the server ends every connection and stops listening. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server at once and deletes the cluster. */
  remove(): Promise<void>;
};

/**
 * `settings` are passed as `-c name=value` after the defaults, so they win: the fault tests
 * keep fsync off (speed), the bench's statement profile turns it back on.
 */
export async function startThrowawayPostgres(settings: Record<string, string> = {}): Promise<ThrowawayPostgres> {
  const { stdout } = await run("bash", [path.join(repoRoot, "scripts/ensure-postgres.sh"), "--bin"], { cwd: repoRoot });
  const bin = stdout.trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docuhooks-pg-faults-"));
  const data = path.join(dir, "data");
  // initdb refuses to run as root: as root, the cluster belongs to the postgres user.
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres) {
    await run("sh", ["-c", "id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres"]);
    fs.chownSync(dir, ...(await postgresIds()));
  }
  const pgRun = (tool: string, args: string[]) =>
    asPostgres ? run("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  await pgRun("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  const port = await freePort();
  const extra = Object.entries(settings).map(([name, value]) => ` -c ${name}=${value}`);
  const options = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off${extra.join("")}`;
  const start = async () => {
    await pgRun("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", options, "start"]);
  };
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async terminateBackends() {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query(
        "select pg_terminate_backend(pid) as ended from pg_stat_activity where pid <> pg_backend_pid() and backend_type = 'client backend'",
      );
      await admin.end();
      return rows.length;
    },
    async stop() {
      await pgRun("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    },
    start,
    async remove() {
      await pgRun("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresIds(): Promise<[number, number]> {
  const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
  const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
  return [uid, gid];
}
