import { type Kysely, sql } from "kysely";
import { isPostgres } from "./is-postgres";

// Postgres only (SQLite rewrites a row in place and has no such setting). Every delivery row is
// updated at least twice after its insert: the claim sets its lease, the result moves it on.
// The claim changes no indexed column, so it can be a HOT update (no index touched) when the
// new row version fits on the same page; with pages filled to 100% it never does, and the
// claim writes an entry into each of the table's indexes for every row. Leaving half of each
// page free makes every claim HOT (measured in bench --pg-statements: 241 of 4,000 claims HOT at
// 100%, 4,000 of 4,000 at 50%; the claim's execution time per delivery about a third). The cost
// is a larger table on disk, up to twice; docs/decisions.md weighs it.

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`alter table deliveries set (fillfactor = 50)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`alter table deliveries reset (fillfactor)`.execute(db);
}
