import { type Kysely, PostgresAdapter } from "kysely";

/** For the migrations that differ by dialect: the migrator hands them a connection or transaction of the database it runs on. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
