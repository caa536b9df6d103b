import type BetterSqlite3 from "better-sqlite3";
import { getDb, getSqliteDatabase } from "@/db";

// The queue's SQLite statements, prepared once per connection and run directly on the
// better-sqlite3 handle: at thousands of deliveries a second, preparing a statement (or
// compiling a query) per batch costs more than running it. Each operation's file owns its
// SQL text; this is only the cache. They run only inside getDb().connection().execute(),
// which holds Kysely's lock on the one connection, so no Kysely transaction of the same
// process can interleave with them.

export type SqliteHandle = {
  raw: BetterSqlite3.Database;
  /** The statement for this SQL text, prepared on first use. */
  statement(sqlText: string): BetterSqlite3.Statement;
};

const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** Runs `work` with the raw handle and its statements while holding the connection. */
export async function withSqliteStatements<T>(work: (handle: SqliteHandle) => T): Promise<T> {
  return getDb()
    .connection()
    .execute(async () => {
      const raw = getSqliteDatabase();
      if (!raw) throw new Error("withSqliteStatements needs the SQLite dialect");
      let cache = prepared.get(raw);
      if (!cache) {
        cache = new Map();
        prepared.set(raw, cache);
      }
      const statements = cache;
      const statement = (sqlText: string) => {
        let found = statements.get(sqlText);
        if (!found) {
          found = raw.prepare(sqlText);
          statements.set(sqlText, found);
        }
        return found;
      };
      return work({ raw, statement });
    });
}

/**
 * Runs `sqlText` once per row, bound positionally by `params` (no parameter object per row),
 * and answers the rows it changed: a settle operation whose WHERE keeps to our lease.
 */
export function runPerRow<T>(handle: SqliteHandle, sqlText: string, rows: readonly T[], params: (row: T) => unknown[]): T[] {
  const changed: T[] = [];
  if (rows.length === 0) return changed;
  const statement = handle.statement(sqlText);
  for (const row of rows) if (statement.run(...params(row)).changes > 0) changed.push(row);
  return changed;
}
