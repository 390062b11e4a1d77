#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs (Chromium, PDF and QR tools),
# starts a private throw-away PostgreSQL cluster, runs every test project on SQLite and
# PostgreSQL, and ends with the line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v zbarimg >/dev/null || need+=(zbar-tools)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || need+=(postgresql)
fonts_dir=/usr/share/fonts/truetype/noto
[[ -d "$fonts_dir" ]] || need+=(fonts-noto-core)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

# The independent tools that check the OpenAPI document (ADR-033), cached per version list.
openapi_tools="$root/artifacts/openapi-tools"
openapi_packages=(@redocly/cli@2.77.0 openapi-typescript@7.13 typescript@5 openapi-fetch@0.17)
if [[ "$(cat "$openapi_tools/.installed" 2>/dev/null)" != "${openapi_packages[*]}" ]]; then
  echo "installing: ${openapi_packages[*]}"
  mkdir -p "$openapi_tools"
  npm install --prefix "$openapi_tools" --no-audit --no-fund --silent "${openapi_packages[@]}"
  echo "${openapi_packages[*]}" > "$openapi_tools/.installed"
fi
rm -rf "$openapi_tools/work"
export NIGEHBAN_OPENAPI_TOOLS="$openapi_tools"

# A private PostgreSQL cluster, owned by the postgres user, stopped on exit whatever happens.
pg_dir=$(mktemp -d /tmp/nigehban-pg.XXXXXX)
chown postgres "$pg_dir" 2>/dev/null || true
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() { as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=300" start >/dev/null
export NIGEHBAN_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true"
echo "private PostgreSQL on port $pg_port"

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
# TEST_PROJECT=tests/Nigehban.UnitTests runs one project; extra arguments go to the test runner
# (for example: --filter-class 'Nigehban.IntegrationTests.Identity.*').
target=(--solution Nigehban.slnx)
[[ -n "${TEST_PROJECT:-}" ]] && target=(--project "$TEST_PROJECT")
dotnet build "${target[1]}" -nologo -v q -clp:ErrorsOnly
status=0
dotnet test "${target[@]}" --no-build --report-trx --results-directory "$results" "$@" || status=$?

# dotnet test prints no summary a CI can read: sum the TRX counters.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(f).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
    # The runner's own report of a failure scrolls far above the end of a long log: repeat each
    # failed test's name and message here, where a CI's tail shows it.
    for r in root.iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") not in ("Passed", "NotExecuted"):
            message = r.findtext("t:Output/t:ErrorInfo/t:Message", "", ns).strip()
            print(f"FAILED {r.get('testName')}: {message[:2000]}")
            # ... and where it was thrown: a CI log is often all there is of a failure that does not repeat.
            stack = r.findtext("t:Output/t:ErrorInfo/t:StackTrace", "", ns).strip().splitlines()
            for line in stack[:15]:
                print(f"    {line.strip()[:300]}")
line = f"{passed} passed, {failed} failed"
print(line + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
