// `npm run soak`: a bounded crash soak (a few minutes). On SQLite (a temp file) and on
// PostgreSQL (a throwaway cluster of its own, never a shared server): 20 SIGKILLs of a
// standalone worker under load, then SIGKILLs of the web process during ingestion. Prints one
// table and exits 1 when an accepted event went missing, a 5xx was answered, or repeats went
// beyond what the killed workers held. `-- --kills N --web-kills M` for another size.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, migrateToLatest } from "@/db";
import { startThrowawayPostgres } from "@/tests/helpers/throwaway-postgres";
import { isSoakRowGood, type SoakRow, soakTable, soakWebKills, soakWorkerKills } from "./soak/soak-runs";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

async function switchDatabase(url: string): Promise<void> {
  await closeDb();
  process.env.DATABASE_URL = url;
  await migrateToLatest();
}

async function main() {
  const kills = option("kills", 20);
  const webKills = option("web-kills", 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docuhooks-soak-"));
  // Workers and the web child read the same generated keys (webhook secrets are sealed).
  process.env.DATA_DIR = dir;
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  process.env.LOG_LEVEL ??= "error";
  const rows: SoakRow[] = [];
  const started = Date.now();
  const say = (line: string) => console.error(`[soak ${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);
  const cluster = await startThrowawayPostgres();
  try {
    for (const [label, url] of [
      ["SQLite", path.join(dir, "soak.db")],
      ["Postgres", cluster.url],
    ] as const) {
      await switchDatabase(url);
      say(`${label}: ${kills} worker kills`);
      rows.push(await soakWorkerKills(label, kills));
      say(`${label}: ${webKills} web kills`);
      rows.push(await soakWebKills(label, webKills));
    }
  } finally {
    await closeDb();
    await cluster.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(soakTable(rows));
  console.log(
    `\n${((Date.now() - started) / 1000).toFixed(0)} s; command: npm run soak -- --kills ${kills} --web-kills ${webKills}`,
  );
  process.exit(rows.every(isSoakRowGood) ? 0 : 1);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
