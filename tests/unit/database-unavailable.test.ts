import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "@/db/unavailable";
import { DATABASE_UNAVAILABLE_DIGEST, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable-message";
import { freePort } from "../helpers/free-port";

// Which errors mean "the database is away right now" (503, back off) and which are bugs
// (500). Each error here is produced by the real driver, not written by hand.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docuhooks-unavailable-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The error a statement throws, or undefined. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("isDatabaseUnavailable", () => {
  it("is true for a lock held past busy_timeout (SQLITE_BUSY)", () => {
    const file = path.join(dir, "busy.db");
    const holder = new BetterSqlite3(file);
    holder.pragma("journal_mode = WAL");
    holder.exec("create table t (x integer)");
    const waiter = new BetterSqlite3(file);
    waiter.pragma("busy_timeout = 20");
    holder.exec("begin immediate");
    const error = thrownBy(() => waiter.exec("insert into t values (1)"));
    holder.exec("rollback");
    holder.close();
    waiter.close();
    expect((error as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("is true for a file that cannot be opened (SQLITE_CANTOPEN)", () => {
    // A directory where the file should be, as a volume mounted in the wrong place gives.
    const error = thrownBy(() => new BetterSqlite3(dir));
    expect((error as { code?: string }).code).toBe("SQLITE_CANTOPEN");
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("is false for a constraint or a syntax error", () => {
    const db = new BetterSqlite3(":memory:");
    db.exec("create table u (x integer primary key)");
    db.exec("insert into u values (1)");
    expect(isDatabaseUnavailable(thrownBy(() => db.exec("insert into u values (1)")))).toBe(false);
    expect(isDatabaseUnavailable(thrownBy(() => db.exec("selct 1")))).toBe(false);
    db.close();
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it("is true for a Postgres server that refuses the connection, through the pool as through a client", async () => {
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    const client = new pg.Client({ connectionString: url });
    const refused = await client.connect().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(refused)).toBe(true);
    const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 1_000 });
    const fromPool = await pool.query("select 1").then(
      () => undefined,
      (error: unknown) => error,
    );
    await pool.end();
    expect(isDatabaseUnavailable(fromPool)).toBe(true);
  });

  it("is true for a pool that cannot connect within connectionTimeoutMillis", async () => {
    // A listener that accepts and never answers: the startup message goes unanswered.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const pool = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
      connectionTimeoutMillis: 200,
    });
    const started = Date.now();
    const error = await pool.query("select 1").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    for (const socket of sockets) socket.destroy();
    await pool.end();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("is true for what the wrapper throws, and the wrapper carries the digest the error pages read", () => {
    const cause = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
    expect(isDatabaseUnavailable(cause)).toBe(true);
    const wrapped = new DatabaseUnavailableError(cause);
    expect(wrapped.message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    expect(wrapped.digest).toBe(DATABASE_UNAVAILABLE_DIGEST);
    expect(wrapped.code).toBe("57P01");
    // Seen through a copy of the class from another bundle: only the digest is shared.
    expect(isDatabaseUnavailable({ digest: DATABASE_UNAVAILABLE_DIGEST })).toBe(true);
  });
});
