import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";

// scripts/sum-results.mjs closes `npm test`: it must fail on anything a runner reports outside
// a test, not just on failed tests. Each case writes real report files and runs the script.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sum-results-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function write(report: unknown): string {
  counter += 1;
  const file = path.join(dir, `report-${counter}.json`);
  fs.writeFileSync(file, typeof report === "string" ? report : JSON.stringify(report));
  return file;
}

async function sum(...files: string[]): Promise<{ code: number; lines: string[] }> {
  try {
    const { stdout } = await run(process.execPath, [path.join(root, "scripts/sum-results.mjs"), ...files]);
    return { code: 0, lines: stdout.trim().split("\n") };
  } catch (error) {
    const failure = error as { code: number; stdout: string };
    return { code: failure.code, lines: failure.stdout.trim().split("\n") };
  }
}

const vitestJson = (passed: number, failed = 0) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numFailedTestSuites: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  success: failed === 0,
});
const vitestRun = (extra: object = {}) => ({
  kind: "vitest-run",
  reason: "passed",
  processTimeout: false,
  unhandledErrors: [],
  flaky: [],
  ...extra,
});
const playwrightJson = (extra: { stats?: object; errors?: unknown[]; suites?: unknown[] } = {}) => ({
  suites: extra.suites ?? [],
  errors: extra.errors ?? [],
  stats: { expected: 3, unexpected: 0, flaky: 0, skipped: 1, ...extra.stats },
});

describe("sum-results", () => {
  test("a clean run passes with the totals on the last line", async () => {
    const result = await sum(write(vitestJson(5)), write(vitestRun()), write(playwrightJson()));
    expect(result).toEqual({ code: 0, lines: ["8 passed, 0 failed, 1 skipped"] });
  });

  test("a failed test fails the run", async () => {
    const result = await sum(write(vitestJson(4, 1)), write(vitestRun()));
    expect(result.code).toBe(1);
    expect(result.lines.at(-1)).toBe("4 passed, 1 failed");
  });

  test("a vitest error outside a test fails the run and is printed", async () => {
    const errors = [{ name: "Error", message: "Connection terminated unexpectedly", type: "Unhandled Rejection" }];
    const result = await sum(write(vitestJson(5)), write(vitestRun({ unhandledErrors: errors, reason: "failed" })));
    expect(result.code).toBe(1);
    expect(result.lines).toContain("FAILED: vitest error outside a test: Error: Connection terminated unexpectedly");
    expect(result.lines.at(-1)).toBe("5 passed, 1 failed");
  });

  test("a vitest process timeout or interrupted run fails", async () => {
    const timedOut = await sum(write(vitestJson(5)), write(vitestRun({ processTimeout: true })));
    expect(timedOut.code).toBe(1);
    expect(timedOut.lines.at(-1)).toBe("5 passed, 1 failed");
    const interrupted = await sum(write(vitestJson(5)), write(vitestRun({ reason: "interrupted" })));
    expect(interrupted.lines).toContain("FAILED: vitest: the run was interrupted");
  });

  test("a vitest JSON that says unsuccessful with no failed test still fails", async () => {
    const result = await sum(write({ ...vitestJson(5), success: false }), write(vitestRun()));
    expect(result.code).toBe(1);
    expect(result.lines.at(-1)).toBe("5 passed, 1 failed");
  });

  test("a missing or unreadable report counts as a failure", async () => {
    const result = await sum(write(vitestJson(5)), path.join(dir, "never-written.json"), write("{ not json"));
    expect(result.code).toBe(1);
    expect(result.lines.some((line) => line.startsWith("FAILED: missing report:"))).toBe(true);
    expect(result.lines.some((line) => line.startsWith("FAILED: unreadable report:"))).toBe(true);
    expect(result.lines.at(-1)).toBe("5 passed, 2 failed");
  });

  test("a vitest test that passed on a retry is printed by name and counted as failed", async () => {
    const result = await sum(write(vitestJson(5)), write(vitestRun({ flaky: ["[sqlite] tests/x.test.ts > retries"] })));
    expect(result.code).toBe(1);
    expect(result.lines).toContain(
      "FLAKY (passed only on a retry, counted as a failure): vitest [sqlite] tests/x.test.ts > retries",
    );
    expect(result.lines.at(-1)).toBe("5 passed, 1 failed");
  });

  test("Playwright global errors and flaky tests fail the run, flaky ones by name", async () => {
    const suites = [
      {
        title: "detail.spec.ts",
        specs: [],
        suites: [
          {
            title: "webhook detail",
            specs: [
              { title: "shows attempts", file: "detail.spec.ts", tests: [{ projectName: "sqlite", status: "flaky" }] },
              { title: "stays put", file: "detail.spec.ts", tests: [{ projectName: "postgres", status: "expected" }] },
            ],
          },
        ],
      },
    ];
    const report = playwrightJson({
      suites,
      stats: { expected: 2, flaky: 1 },
      errors: [{ message: "Error: Timed out waiting 60000ms from config.webServer.\n    at stack" }],
    });
    const result = await sum(write(report));
    expect(result.code).toBe(1);
    expect(result.lines).toContain(
      "FLAKY (passed only on a retry, counted as a failure): playwright [sqlite] detail.spec.ts > shows attempts",
    );
    expect(result.lines).toContain(
      "FAILED: playwright error outside a test: Error: Timed out waiting 60000ms from config.webServer.",
    );
    expect(result.lines.at(-1)).toBe("2 passed, 2 failed, 1 skipped");
  });

  test("a real vitest run records its unhandled rejection and retried test, and the total fails", async () => {
    const runReport = path.join(dir, "vitest-run.json");
    const json = path.join(dir, "vitest.json");
    const config = path.join(root, "tests/fixtures/run-report/vitest.config.mts");
    const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
    // The fixture run fails (its unhandled error), so execFile rejects; the files are what count.
    await run(
      process.execPath,
      [
        vitest,
        "run",
        "--config",
        config,
        "--reporter=json",
        "--reporter=./scripts/vitest-run-report.mjs",
        `--outputFile.json=${json}`,
      ],
      { cwd: root, env: { ...process.env, VITEST_RUN_REPORT: runReport, TEST_DB: "" } },
    ).catch(() => undefined);
    const recorded = JSON.parse(fs.readFileSync(runReport, "utf8"));
    expect(recorded.unhandledErrors).toEqual([expect.objectContaining({ message: "rejected outside any test" })]);
    expect(recorded.flaky).toEqual(["misbehaves.fixture.ts > passes only on its second try"]);
    // vitest's own JSON counts both tests as passed: only the run report shows what went wrong.
    expect(JSON.parse(fs.readFileSync(json, "utf8")).numFailedTests).toBe(0);
    const result = await sum(json, runReport);
    expect(result.code).toBe(1);
    expect(result.lines.at(-1)).toBe("2 passed, 2 failed");
  });
});
