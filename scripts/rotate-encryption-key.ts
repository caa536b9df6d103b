// `npm run rotate-encryption-key`: reseals every stored secret with APP_ENCRYPTION_KEY.
// Run it with the same environment as the app, once every process has been restarted with
// the new APP_ENCRYPTION_KEY and the old one in APP_ENCRYPTION_KEY_PREVIOUS (README: "Rotating
// the encryption key"). Prints what it did per column; exits 1 if any value opened with none
// of the configured keys (those rows are named by id, and left as they were).
import { closeDb, migrateToLatest } from "@/db";
import { isFullyRotated, rotateStoredSecrets } from "@/lib/crypto/rotate-stored-secrets";

async function main() {
  await migrateToLatest();
  const report = await rotateStoredSecrets();
  console.log(`Resealed with encryption key ${report.keyId}:`);
  console.log("column                               resealed  already current  unreadable");
  for (const column of report.columns) {
    console.log(
      `${column.column.padEnd(36)} ${String(column.resealed).padStart(8)}  ${String(column.current).padStart(15)}  ${String(column.unreadable.length).padStart(10)}`,
    );
  }
  await closeDb();
  if (!isFullyRotated(report)) {
    for (const column of report.columns) {
      if (column.unreadable.length > 0) console.error(`unreadable in ${column.column}: ${column.unreadable.join(", ")}`);
    }
    console.error(
      "Some values open with no configured key: add the key they were sealed with to APP_ENCRYPTION_KEY_PREVIOUS and run again.",
    );
    process.exit(1);
  }
  console.log("Every stored secret is under the current key: APP_ENCRYPTION_KEY_PREVIOUS can be removed.");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
