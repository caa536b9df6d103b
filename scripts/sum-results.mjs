// Totals the reports of every suite into one closing line, "N passed, N failed[, N skipped]".
// Besides failed tests, it counts as failures whatever a runner reports outside a test, so a
// suite cannot hide a failure: a missing or unreadable report, vitest's unhandled errors and
// timeouts (from scripts/vitest-run-report.mjs), Playwright's global errors, and any test that
// passed only after a retry (printed by name).
import fs from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
const flaky = [];

function playwrightTests(suites, out = []) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) out.push({ spec, test });
    }
    playwrightTests(suite.suites, out);
  }
  return out;
}

for (const file of process.argv.slice(2)) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    problems.push(`${fs.existsSync(file) ? "unreadable" : "missing"} report: ${file} (${error.message.split("\n")[0]})`);
    continue;
  }
  if (report?.kind === "vitest-run") {
    for (const error of report.unhandledErrors ?? []) {
      problems.push(`vitest error outside a test: ${error.name}: ${error.message}`);
    }
    if (report.processTimeout) problems.push("vitest: the run timed out (a worker or a hanging handle kept it open)");
    if (report.reason === "interrupted") problems.push("vitest: the run was interrupted");
    flaky.push(...(report.flaky ?? []).map((name) => `vitest ${name}`));
  } else if (report && "numPassedTests" in report) {
    const before = failed;
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.success === false && failed === before) problems.push(`vitest reported a failed run with no failed test: ${file}`);
  } else if (report?.stats) {
    passed += report.stats.expected;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    for (const error of report.errors ?? []) {
      problems.push(`playwright error outside a test: ${String(error.message ?? error.value ?? "").split("\n")[0]}`);
    }
    const retried = playwrightTests(report.suites).filter(({ test }) => test.status === "flaky");
    for (const { spec, test } of retried) flaky.push(`playwright [${test.projectName}] ${spec.file} > ${spec.title}`);
    // The stats are the truth for the count even if the suites could not be walked.
    for (let i = retried.length; i < (report.stats.flaky ?? 0); i += 1) flaky.push(`playwright (unnamed flaky test in ${file})`);
  } else {
    problems.push(`unrecognised report: ${file}`);
  }
}

for (const problem of problems) console.log(`FAILED: ${problem}`);
for (const name of flaky) console.log(`FLAKY (passed only on a retry, counted as a failure): ${name}`);
failed += problems.length + flaky.length;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
