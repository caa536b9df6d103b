import path from "node:path";
import { defineConfig } from "vitest/config";

// Every test file gets its own fresh database (tests/helpers/setup-db.ts) on the dialect its
// project names. TEST_DB picks the dialects, comma-separated ("sqlite" when unset): one
// project each, sharing the workers, so scripts/test.sh runs SQLite and Postgres in one run.
const dialects = (process.env.TEST_DB ?? "sqlite").split(",").map((name) => name.trim());

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/helpers/setup-db.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: Number(process.env.TEST_WORKERS ?? 2),
    // The engine logs every failed attempt, and the suites fail thousands on purpose: only errors
    // reach the run's output (LOG_LEVEL overrides; tests that read a child's lines set their own).
    projects: dialects.map((dialect) => ({
      extends: true,
      test: { name: dialect, env: { TEST_DB: dialect, LOG_LEVEL: process.env.LOG_LEVEL ?? "error" } },
    })),
  },
});
