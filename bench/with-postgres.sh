#!/usr/bin/env bash
# Runs the bench against a private, throw-away PostgreSQL cluster (as scripts/test.sh does for the
# tests): starts it on a free port, passes the provider and connection to the bench, stops it on exit.
#   bench/with-postgres.sh run --scenario units --scale small
#   bench/with-postgres.sh generate --scale medium
# Unlike the test cluster, this one keeps fsync on: write figures should be durable ones.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$pg_bin" || ! -x "$pg_bin/initdb" ]]; then
  echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi

pg_dir=$(mktemp -d /tmp/nigehban-bench-pg.XXXXXX)
chown postgres "$pg_dir" 2>/dev/null || true
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() { as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync >/dev/null
# BENCH_PG_STATEMENTS=N: also record every statement (pg_stat_statements) and print the N that took
# the most time once the bench is done, ceilings' statements included: where the database's time went.
statements=${BENCH_PG_STATEMENTS:-0}
extra=""
if [[ "$statements" -gt 0 ]]; then
  extra="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c pg_stat_statements.max=2000"
fi
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=300 -c shared_buffers=256MB -c max_wal_size=4GB $extra" start >/dev/null
echo "private PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $pg_port"

status=0
dotnet run -c Release --project bench/Nigehban.Bench -- "$@" \
  --provider postgres --connection "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=nigehban_bench" || status=$?
if [[ "$statements" -gt 0 ]]; then
  echo "statements by total time (wall clock: includes waits for locks and for the CPU)"
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -q -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
    -c "SELECT calls, round(total_exec_time) AS total_ms, round(mean_exec_time::numeric, 2) AS mean_ms, rows,
          left(regexp_replace(query, '\\s+', ' ', 'g'), 150) AS statement
        FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $statements" || echo "(pg_stat_statements could not be read)"
fi
exit $status
