#!/usr/bin/env bash
# Prints an admin connection URL for a PostgreSQL that tests may create databases in.
# Uses the one on 127.0.0.1:5432 when reachable; otherwise starts a throwaway cluster
# (installing Debian's postgresql first when no initdb is found) and registers its cleanup
# in $PG_THROWAWAY_DIR/stop.sh. Never silent: it fails loudly when neither works.
# With --bin it only prints the directory of initdb and pg_ctl (installing them if needed),
# for tests that run a cluster of their own (tests/helpers/throwaway-postgres.ts).
set -euo pipefail

if [ "${1:-}" != "--bin" ] && command -v psql >/dev/null 2>&1 && psql "postgres://postgres@127.0.0.1:5432/postgres" -Atqc 'select 1' >/dev/null 2>&1; then
  echo "postgres://postgres@127.0.0.1:5432/postgres"
  exit 0
fi

find_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  echo "no PostgreSQL found: installing Debian's postgresql" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  bin=$(find_bin)
fi

if [ "${1:-}" = "--bin" ]; then
  echo "$bin"
  exit 0
fi

dir=${PG_THROWAWAY_DIR:?set PG_THROWAWAY_DIR to a scratch directory}
mkdir -p "$dir"
port=${PG_THROWAWAY_PORT:-55432}
run_as=()
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root: the cluster belongs to the postgres user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown -R postgres "$dir"
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
cat > "$dir/stop.sh" <<STOP
${run_as[*]} "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
rm -rf "$dir"
STOP
echo "postgres://postgres@127.0.0.1:$port/postgres"
