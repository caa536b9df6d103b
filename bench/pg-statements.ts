// Where the Postgres server's time goes, per delivery: `npm run bench -- --pg-statements` runs
// the Postgres figures on a cluster of the bench's own with pg_stat_statements loaded (fsync
// on, as on the machine's server), and the throughput figure prints, for ours and for
// graphile-worker, each database's statements by total execution time. Set-up statements
// (the outbox fill, migrations) are listed too and named by their text.
import pg from "pg";
import { startThrowawayPostgres } from "../tests/helpers/throwaway-postgres";
import { markdownTable } from "./table";

/** Starts the cluster and points the bench's databases at it; returns how to remove it. */
export async function startProfiledPostgres(): Promise<() => Promise<void>> {
  const cluster = await startThrowawayPostgres({
    fsync: "on",
    shared_preload_libraries: "pg_stat_statements",
    "pg_stat_statements.track": "all",
    max_connections: "200",
  });
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query("create extension if not exists pg_stat_statements");
  await admin.end();
  process.env.BENCH_PG_ADMIN_URL = cluster.url;
  return () => cluster.remove();
}

/** The database's statements by total execution time, per delivery, as a Markdown table. */
export async function topStatements(databaseUrl: string, deliveries: number, limit = 12): Promise<string> {
  const database = new URL(databaseUrl).pathname.slice(1);
  // The view lives where the extension was created: the cluster's postgres database.
  const client = new pg.Client({ connectionString: process.env.BENCH_PG_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ query: string; calls: string; total_ms: number; rows: string }>(
      `select query, calls, total_exec_time as total_ms, rows
         from pg_stat_statements where dbid = (select oid from pg_database where datname = $1)
         order by total_exec_time desc limit $2`,
      [database, limit],
    );
    const { rows: sums } = await client.query<{ total_ms: number; calls: string }>(
      `select coalesce(sum(total_exec_time), 0) as total_ms, coalesce(sum(calls), 0) as calls
         from pg_stat_statements where dbid = (select oid from pg_database where datname = $1)`,
      [database],
    );
    const perDelivery = (ms: number) => ((ms * 1000) / deliveries).toFixed(1);
    const cells = rows.map((row) => [
      row.query.replace(/\s+/g, " ").slice(0, 90),
      Number(row.calls).toLocaleString("en-US"),
      (Number(row.calls) / deliveries).toFixed(3),
      perDelivery(row.total_ms),
      (Number(row.rows) / Math.max(1, Number(row.calls))).toFixed(1),
    ]);
    cells.push([
      "(all statements)",
      Number(sums[0].calls).toLocaleString("en-US"),
      (Number(sums[0].calls) / deliveries).toFixed(3),
      perDelivery(sums[0].total_ms),
      "",
    ]);
    const statements = markdownTable(["statement", "calls", "calls / delivery", "exec µs / delivery", "rows / call"], cells);
    return `${statements}\n${await tableWrites(databaseUrl)}`;
  } finally {
    await client.end();
  }
}

/**
 * Row writes per table, and how many updates were HOT (no index touched): an update that is
 * not HOT writes a new entry into every index of the table.
 */
async function tableWrites(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string; ins: string; upd: string; hot: string; del: string; indexes: string }>(
      `select relname, n_tup_ins as ins, n_tup_upd as upd, n_tup_hot_upd as hot, n_tup_del as del,
          (select count(*) from pg_index i where i.indrelid = t.relid) as indexes
         from pg_stat_user_tables t where n_tup_ins + n_tup_upd + n_tup_del > 0 order by n_tup_ins + n_tup_upd desc`,
    );
    const fmt = (value: string) => Number(value).toLocaleString("en-US");
    return markdownTable(
      ["table", "indexes", "inserted", "updated", "of them HOT", "deleted"],
      rows.map((row) => [row.relname, String(row.indexes), fmt(row.ins), fmt(row.upd), fmt(row.hot), fmt(row.del)]),
    );
  } finally {
    await client.end();
  }
}
