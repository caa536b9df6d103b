import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb, getDialect } from "@/db";
import { testDialect } from "../helpers/db-info";

describe(`migrations (${testDialect})`, () => {
  it("run on the dialect under test and create every table", async () => {
    expect(getDialect()).toBe(testDialect);
    const db = getDb();
    for (const table of ["users", "api_tokens", "webhooks", "events", "deliveries", "delivery_attempts"] as const) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
      expect(Number(rows[0].n)).toBe(0);
    }
  });
});
