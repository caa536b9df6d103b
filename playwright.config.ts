import { defineConfig } from "@playwright/test";

// End-to-end tests in Debian's chromium against `next start` (built by scripts/test.sh).
// E2E_DATABASE_URL is a database made fresh for this run; each test signs up its own users.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `npx tsx scripts/migrate.ts && node node_modules/next/dist/bin/next start -p ${port}`,
    url: `${baseURL}/signin`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "./data/e2e.db",
      DATA_DIR: process.env.E2E_DATA_DIR ?? "./data/e2e",
      NEXTAUTH_URL: baseURL,
      WEBHOOK_ALLOW_PRIVATE: "1",
      DELIVERY_RETRY_SCHEDULE_MS: "200,400,800",
      DELIVERY_THROTTLE_MIN_DELAY_MS: "500",
      DELIVERY_TIMEOUT_MS: "3000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
