import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "./e2e/chromium";
import type { E2EOptions } from "./e2e/fixtures";
import { DB_INDEPENDENT } from "./e2e/tags";

// End-to-end tests in Debian's chromium against `next start` (built by scripts/test.sh).
// E2E_DATABASE_URL names the databases made fresh for this run, comma-separated: each gets a
// project (named after its dialect) and a server of its own, on the ports E2E_PORT lists
// (one more than the last when it lists fewer), so one run covers SQLite and Postgres at once
// and their tests share the workers. Each test seeds its own users, so tests never share rows.
// A test tagged DB_INDEPENDENT asserts what no database changes (layout, axe scans, headers,
// titles, request guards, redirects, time zones): it runs in the first project only, since a
// second run on another dialect would check the same thing twice (docs/decisions.md, Testing).
const databaseUrls = (process.env.E2E_DATABASE_URL ?? "./data/e2e.db").split(",").map((url) => url.trim());
const listedPorts = (process.env.E2E_PORT ?? "3100").split(",").map(Number);
const dataDir = process.env.E2E_DATA_DIR ?? "./data/e2e";

const dialectOf = (url: string) => (/^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite");

const servers = databaseUrls.map((databaseUrl, i) => {
  const port = listedPorts[i] ?? listedPorts[listedPorts.length - 1] + i - listedPorts.length + 1;
  const dialect = dialectOf(databaseUrl);
  const name = databaseUrls.filter((url) => dialectOf(url) === dialect).length > 1 ? `${dialect}-${i + 1}` : dialect;
  return {
    name,
    port,
    baseURL: `http://localhost:${port}`,
    database: { url: databaseUrl, dataDir: databaseUrls.length > 1 ? `${dataDir}/${name}` : dataDir },
  };
});

export default defineConfig<E2EOptions>({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // Most of a test's time is waiting on the server, the browser or a retry schedule, not CPU:
  // two workers per server keep both cores busy.
  workers: Number(process.env.E2E_WORKERS ?? 2 * servers.length),
  retries: 0,
  use: {
    trace: "retain-on-failure",
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  projects: servers.map((server, i) => ({
    name: server.name,
    grepInvert: i === 0 ? undefined : new RegExp(DB_INDEPENDENT),
    use: { baseURL: server.baseURL, e2eDatabase: server.database },
  })),
  webServer: servers.map((server) => ({
    name: server.name,
    // Idle connections stay open past any pause in a test: with Node's 5 s default, a request
    // of the test's (page.request) could reuse a socket just as the server closed it and see
    // ECONNRESET, which is not what a user would ever meet.
    command: `node --import tsx scripts/migrate.ts && node node_modules/next/dist/bin/next start -p ${server.port} --keepAliveTimeout 70000`,
    url: `${server.baseURL}/signin`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      DATABASE_URL: server.database.url,
      DATA_DIR: server.database.dataDir,
      NEXTAUTH_URL: server.baseURL,
      WEBHOOK_ALLOW_PRIVATE: "1",
      // A quick retry, then 10 minutes: a failing delivery is seen as Failing, 2 of 3, and stays so.
      DELIVERY_RETRY_SCHEDULE_MS: "200,600000",
      DELIVERY_THROTTLE_MIN_DELAY_MS: "500",
      DELIVERY_TIMEOUT_MS: "3000",
      // Sign-in throttling: the default 5 failures per email, over 60 s (a failure's token
      // is back after 12 s) so e2e/sign-in-throttle.spec.ts can wait it out; every test signs
      // in from one address, so that limit is roomier than the default 20.
      SIGN_IN_THROTTLE_WINDOW_MS: "60000",
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: "50",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  })),
});
