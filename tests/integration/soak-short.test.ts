import { describe, expect, it } from "vitest";
import { isSoakRowGood, soakTable, soakWebKills, soakWorkerKills } from "@/scripts/soak/soak-runs";
import { testDialect } from "../helpers/db-info";

// The short version of `npm run soak`, with the same code: a few SIGKILLs of a standalone
// worker under load, and of the web process during ingestion, on this run's database. Every
// event answered 2xx is delivered; repeats stay within what the killed workers held.

describe(`soak, short (${testDialect})`, () => {
  it("loses no accepted event when workers are SIGKILLed under load", { timeout: 120_000 }, async () => {
    const row = await soakWorkerKills(testDialect, 3);
    const table = soakTable([row]);
    expect(row.accepted, table).toBeGreaterThan(50);
    expect(row.kills).toBe(3);
    expect(row.missing, table).toBe(0);
    expect(row.fiveXx, table).toBe(0);
    expect(row.duplicates, table).toBeLessThanOrEqual(row.duplicateBound);
    expect(isSoakRowGood(row)).toBe(true);
  });

  it("loses no accepted event when the web process is SIGKILLed during ingestion", { timeout: 120_000 }, async () => {
    const row = await soakWebKills(testDialect, 2);
    const table = soakTable([row]);
    expect(row.accepted, table).toBeGreaterThan(20);
    // Some requests found the web process gone: the kills really landed during ingestion.
    expect(row.cut, table).toBeGreaterThan(0);
    expect(row.missing, table).toBe(0);
    expect(row.fiveXx, table).toBe(0);
    expect(row.duplicates, table).toBe(0);
  });
});
