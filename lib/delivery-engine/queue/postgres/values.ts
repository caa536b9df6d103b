import { CompiledQuery, type Transaction } from "kysely";
import type { Database } from "@/db/types";
import type { AttemptedDelivery } from "@/lib/delivery-engine/queue/queue";

// No query builder per row: each settle statement is one multi-row VALUES list with bound
// parameters, built as text, joined to deliveries by id.

export type PgType = "text" | "int" | "bigint";
export type Columns<T> = readonly (readonly [keyof T & string, PgType])[];

/** The columns of a delivery after an attempt, as complete, reschedule and fail bind them. */
export const ATTEMPTED_COLUMNS: Columns<AttemptedDelivery> = [
  ["id", "text"],
  ["lease", "bigint"],
  ["attempt_count", "int"],
  ["manual_attempt_count", "int"],
  ["last_status_code", "int"],
  ["last_error", "text"],
];

/** Bound values per statement: under Postgres's 65,535. */
const MAX_PARAMS = 30_000;

/** Only while the lease is still ours: a row another worker claimed since is left alone. */
const LEASE_IS_OURS = "deliveries.id = v.id and deliveries.locked_until = v.lease";

export function names<T>(columns: Columns<T>): string {
  return columns.map(([name]) => name).join(", ");
}

/**
 * Runs `statement(values)` over the rows in chunks, `values` being `VALUES ($1, $2), ($3, $4)`,
 * cast to the column types when `cast` is set (a WITH table has no column types of its own);
 * answers the rows a RETURNING clause gave back. Nothing runs for no rows.
 */
export async function runValues<T, R = unknown>(
  trx: Transaction<Database>,
  rows: readonly T[],
  columns: Columns<T>,
  cast: boolean,
  statement: (values: string) => string,
): Promise<R[]> {
  const returned: R[] = [];
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const slots: string[] = [];
      for (const [name, type] of columns) {
        params.push((row as Record<string, unknown>)[name]);
        slots.push(cast ? `$${params.length}::${type}` : `$${params.length}`);
      }
      tuples.push(`(${slots.join(",")})`);
    }
    const result = await trx.executeQuery(CompiledQuery.raw(statement(`values ${tuples.join(",")}`), params));
    returned.push(...(result.rows as R[]));
  }
  return returned;
}

/**
 * `update deliveries set <set> from v where <the lease is ours> <returning>` over the rows, one
 * statement per chunk, `v` being the rows cast to their columns: every settle operation on a
 * claimed row. Nothing runs for no rows.
 */
export function updateOwnedDeliveries<T extends { id: string; lease: number }, R = unknown>(
  trx: Transaction<Database>,
  rows: readonly T[],
  columns: Columns<T>,
  set: string,
  returning = "",
): Promise<R[]> {
  return runValues<T, R>(
    trx,
    rows,
    columns,
    true,
    (values) =>
      `with v(${names(columns)}) as (${values}) update deliveries set ${set} from v where ${LEASE_IS_OURS} ${returning}`,
  );
}
