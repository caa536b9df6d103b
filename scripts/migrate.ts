// Applies pending migrations to DATABASE_URL (SQLite ./data/app.db by default).
import { closeDb, getDialect, migrateToLatest } from "@/db";
import { databaseUrl } from "@/lib/config";

async function main() {
  await migrateToLatest();
  const url = databaseUrl().replace(/\/\/[^@/]*@/, "//***@");
  console.log(`migrations applied (${getDialect()}: ${url})`);
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
