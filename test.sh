#!/usr/bin/env bash
# Builds Arcanum in Release, starts a throwaway PostgreSQL on 127.0.0.1, runs every test project, and
# ends with one line: "N passed, N failed, N skipped" (summed over all test projects).
# Exit status is non-zero when anything failed or a test project did not report.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
cd "$root"
# shellcheck source=scripts/native-deps.sh
source scripts/native-deps.sh
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

arcanum_ensure_packages libsecp256k1-1 libsodium23 postgresql jq

# --- Node.js dependencies of the independent chain verifiers (tests/verifiers), from the committed lockfile. ---
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  arcanum_ensure_packages nodejs npm
fi
npm_log="$(mktemp -t arcanum-npm.XXXXXX)"
if ! npm ci --prefix tests/verifiers --no-audit --no-fund --loglevel=error >"$npm_log" 2>&1; then
  cat "$npm_log" >&2
  rm -f "$npm_log"
  echo "test.sh: npm ci in tests/verifiers failed; the chain verifier tests need its packages (Node.js 18 or later)." >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
rm -f "$npm_log"

work="$(mktemp -d -t arcanum-test.XXXXXX)"
pg_data="$work/pg"
pg_ctl=""
as_postgres=()

cleanup() {
  if [ -n "$pg_ctl" ] && [ -f "$pg_data/postmaster.pid" ]; then
    "${as_postgres[@]}" "$pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- Throwaway PostgreSQL: initdb in a temp dir, a free port on 127.0.0.1, stopped on exit. ---
# initdb and postgres refuse to run as root, so as root they run as the postgres user.
start_postgres() {
  local bin port
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "test.sh: PostgreSQL server binaries not found (Debian package postgresql)." >&2
    return 1
  fi
  pg_ctl="$bin/pg_ctl"
  mkdir -p "$pg_data"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$work" "$pg_data"
    as_postgres=(runuser -u postgres --)
  fi
  "${as_postgres[@]}" "$bin/initdb" -D "$pg_data" -U arcanum --auth=trust --encoding=UTF8 --no-sync >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log" >&2; return 1; }
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  "${as_postgres[@]}" "$pg_ctl" -D "$pg_data" -w -t 60 -l "$work/postgres.log" \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null ||
    { cat "$work/postgres.log" >&2; return 1; }
  export ARCANUM_TEST_PG="Host=127.0.0.1;Port=$port;Username=arcanum;Database=postgres"
  echo "test.sh: PostgreSQL on 127.0.0.1:$port" >&2
}
start_postgres

# --- Build once, then run every test project. ---
if ! dotnet build Arcanum.slnx -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "test.sh: the build failed; no test ran." >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

results="$work/results"
test_status=0
mapfile -t projects < <(grep -o 'tests/[^"]*\.Tests\.csproj' Arcanum.slnx)
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || test_status=1
done

# --- One summary line over every test project's TRX counters. ---
passed=0 failed=0 skipped=0
count() { grep -o '<Counters [^>]*>' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*'; }
for project in "${projects[@]}"; do
  trx="$results/$(basename "$project" .csproj).trx"
  if [ ! -f "$trx" ]; then
    echo "test.sh: no report from $project: its test host crashed or did not start." >&2
    failed=$((failed + 1))
    continue
  fi
  passed=$((passed + $(count "$trx" passed)))
  failed=$((failed + $(count "$trx" failed) + $(count "$trx" error) + $(count "$trx" timeout) + $(count "$trx" aborted)))
  skipped=$((skipped + $(count "$trx" notExecuted)))
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$test_status" -eq 0 ] && [ "$failed" -eq 0 ]
