#!/usr/bin/env bash
# Runs every suite on a fresh machine: installs what is missing (npm packages, Debian's
# chromium, PostgreSQL when none is reachable), then unit + integration tests on SQLite and
# on PostgreSQL, then the Playwright end-to-end tests against `next start` on both.
# Ends with one line totalling every suite: "N passed, N failed".
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
if [ "$only" != e2e ]; then
  for db in sqlite postgres; do
    echo "=== vitest on $db ==="
    TEST_DB=$db TEST_PG_ADMIN_URL=$PG_ADMIN_URL npx vitest run --reporter=default --reporter=json \
      --outputFile.json="$reports/vitest-$db.json" "$@"
  done
fi
if [ "$only" != unit ]; then
  echo "=== next build ==="
  npx next build >"$reports/build.log" 2>&1 || { cat "$reports/build.log"; echo "0 passed, 1 failed"; exit 1; }
  for db in sqlite postgres; do
    echo "=== playwright on $db ==="
    if [ $db = postgres ]; then
      name="docuhooks_e2e_$$"
      psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $name" || exit 1
      e2e_url="${PG_ADMIN_URL%/*}/$name"
    else
      e2e_url="$reports/e2e.db"
    fi
    E2E_DATABASE_URL=$e2e_url E2E_DATA_DIR="$reports/e2e-data-$db" PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e-$db.json" \
      npx playwright test --reporter=list,json
    [ $db = postgres ] && psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)"
  done
fi

files=()
[ "$only" != e2e ] && files+=("$reports/vitest-sqlite.json" "$reports/vitest-postgres.json")
[ "$only" != unit ] && files+=("$reports/e2e-sqlite.json" "$reports/e2e-postgres.json")
node scripts/sum-results.mjs "${files[@]}"
