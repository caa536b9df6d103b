import path from "node:path";
import { defineConfig } from "vitest/config";

// Every test file gets its own fresh database (tests/helpers/setup-db.ts) on the dialect
// that TEST_DB names; scripts/test.sh runs the whole suite once per dialect.
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
    maxWorkers: 2,
  },
});
