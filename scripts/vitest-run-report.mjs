// A vitest reporter that records what the JSON reporter leaves out: errors raised outside any
// test (unhandled rejections, uncaught exceptions, a worker that died), a run that timed out
// or was interrupted, and tests that passed only after a retry. scripts/sum-results.mjs reads
// the file and counts each as a failure, so none of them can hide behind "0 failed".
// The file is written to $VITEST_RUN_REPORT; without it the reporter does nothing.
import fs from "node:fs";

export default class RunReport {
  processTimeout = false;

  onProcessTimeout() {
    this.processTimeout = true;
  }

  onTestRunEnd(testModules, unhandledErrors, reason) {
    const file = process.env.VITEST_RUN_REPORT;
    if (!file) return;
    const flaky = [];
    for (const testModule of testModules) {
      for (const testCase of testModule.children.allTests()) {
        const diagnostic = testCase.diagnostic();
        if (diagnostic && diagnostic.retryCount > 0 && testCase.result().state === "passed") {
          const project = testCase.project.name ? `[${testCase.project.name}] ` : "";
          flaky.push(`${project}${testModule.relativeModuleId} > ${testCase.fullName}`);
        }
      }
    }
    const errors = unhandledErrors.map((error) => ({
      name: error?.name ?? "Error",
      message: String(error?.message ?? error),
      type: error?.type,
    }));
    const report = { kind: "vitest-run", reason, processTimeout: this.processTimeout, unhandledErrors: errors, flaky };
    fs.writeFileSync(file, JSON.stringify(report, null, 2));
  }
}
