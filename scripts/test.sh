#!/usr/bin/env bash
# Runs every suite on a fresh machine: installs what is missing (npm packages, Debian's
# chromium, PostgreSQL when none is reachable), then unit + integration tests on SQLite and
# on PostgreSQL (while `next build` runs), then the Playwright end-to-end tests against
# `next start` on both.
# Ends with one line totalling every suite: "N passed, N failed". Errors outside a test, a
# missing report and tests that passed only on a retry count as failures (sum-results.mjs).
set -uo pipefail
cd "$(dirname "$0")/.."
export npm_config_nodedir=${npm_config_nodedir:-/usr} NEXT_TELEMETRY_DISABLED=1 NO_COLOR=1 FORCE_COLOR=0

if [ ! -x node_modules/.bin/next ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || { echo "could not install chromium"; exit 1; }
fi

echo "=== typecheck and lint ==="
npx tsc --noEmit || { echo "typecheck failed"; echo "0 passed, 1 failed"; exit 1; }
npx biome check . || { echo "lint failed (npm run format fixes formatting)"; echo "0 passed, 1 failed"; exit 1; }

reports=$(mktemp -d)
export PG_THROWAWAY_DIR=$(mktemp -d /tmp/docuhooks-pg.XXXXXX)
PG_ADMIN_URL=$(bash scripts/ensure-postgres.sh) || { echo "PostgreSQL: neither reachable nor startable"; exit 1; }
cleanup() { if [ -f "$PG_THROWAWAY_DIR/stop.sh" ]; then bash "$PG_THROWAWAY_DIR/stop.sh"; else rm -rf "$PG_THROWAWAY_DIR"; fi; }
trap cleanup EXIT
echo "PostgreSQL for tests: $PG_ADMIN_URL"

only=${TEST_ONLY:-all}   # all | unit | e2e: for quick local loops
# next build runs beside vitest, whose suites spend much of their time waiting on timers,
# sockets and Postgres; its TypeScript pass is skipped, tsc has just checked the whole tree.
if [ "$only" != unit ]; then
  echo "=== next build (in the background) ==="
  NEXT_BUILD_SKIP_TYPECHECK=1 npx next build >"$reports/build.log" 2>&1 &
  build_pid=$!
fi
if [ "$only" != e2e ]; then
  # One run, one project per database, sharing the workers.
  echo "=== vitest on sqlite and postgres ==="
  # The JSON reporter counts tests only; vitest-run-report.mjs adds the errors outside a test,
  # timeouts and retried tests, which sum-results.mjs counts as failures.
  TEST_DB=sqlite,postgres TEST_PG_ADMIN_URL=$PG_ADMIN_URL VITEST_RUN_REPORT="$reports/vitest-run.json" npx vitest run \
    --reporter=default --reporter=json --reporter=./scripts/vitest-run-report.mjs --outputFile.json="$reports/vitest.json" "$@"
fi
if [ "$only" != unit ]; then
  wait "$build_pid" || { cat "$reports/build.log"; echo "next build failed"; echo "0 passed, 1 failed"; exit 1; }
  # One Playwright run, a project and a server per database; their tests share the workers.
  echo "=== playwright on sqlite and postgres ==="
  name="docuhooks_e2e_$$"
  psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $name" || exit 1
  # Two ports nobody listens on (E2E_PORT overrides: "first,second", or "first" and the next).
  ports=${E2E_PORT:-$(node -e '
    const net = require("node:net");
    const free = () => new Promise((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
    });
    Promise.all([free(), free()]).then((ports) => console.log(ports.join(",")));')}
  E2E_PORT=$ports E2E_DATABASE_URL="$reports/e2e.db,${PG_ADMIN_URL%/*}/$name" E2E_DATA_DIR="$reports/e2e-data" \
    PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" npx playwright test --reporter=list,json
  psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)"
fi

files=()
[ "$only" != e2e ] && files+=("$reports/vitest.json" "$reports/vitest-run.json")
[ "$only" != unit ] && files+=("$reports/e2e.json")
node scripts/sum-results.mjs "${files[@]}"
