import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

// Runs before each test file is imported: points DATABASE_URL at a database of its own
// (a temp SQLite file, or a new Postgres database) so no test sees another's rows, and no run
// depends on what an earlier run left behind.

const dialect = process.env.TEST_DB ?? "sqlite";
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "docuhooks-test-"));
process.env.DATA_DIR = tempDir;
process.env.WEBHOOK_ALLOW_PRIVATE ??= "1";

let dropDatabase: (() => Promise<void>) | undefined;

if (dialect === "postgres") {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error("TEST_DB=postgres needs TEST_PG_ADMIN_URL (scripts/test.sh sets it)");
  const name = `docuhooks_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const pg = await import("pg");
  const admin = new pg.default.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const client = new pg.default.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
} else {
  process.env.DATABASE_URL = path.join(tempDir, "app.db");
}

beforeAll(async () => {
  const { migrateToLatest } = await import("@/db");
  await migrateToLatest();
});

afterAll(async () => {
  const { closeDb } = await import("@/db");
  await closeDb();
  await dropDatabase?.();
  fs.rmSync(tempDir, { recursive: true, force: true });
});
