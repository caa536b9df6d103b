#!/usr/bin/env bash
# Runs the product on a fresh machine: installs packages, migrates the SQLite database
# (./data/app.db), builds, and starts `next start` on :3000 with the delivery worker inside.
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_nodedir=${npm_config_nodedir:-/usr} NEXT_TELEMETRY_DISABLED=1
export PORT=${PORT:-3000}
export NEXTAUTH_URL=${NEXTAUTH_URL:-http://localhost:$PORT}

if [ ! -x node_modules/.bin/next ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx tsx scripts/migrate.ts
npx next build
# exec: the PID is the server itself, so a SIGTERM reaches it (and the worker drains).
exec node node_modules/next/dist/bin/next start -p "$PORT"
