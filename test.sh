#!/usr/bin/env bash
# Runs every test of Custodian: unit, integration (real PostgreSQL, ClickHouse, DuckDB, SQLite) and browser
# (Debian's Chromium). Installs the servers and the browser when missing (as root) and starts throwaway
# instances on loopback. Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/test-servers.sh

ensure_test_packages
trap stop_test_servers EXIT
start_test_servers

results=$(pwd)/TestResults
rm -rf "$results"
status=0
dotnet test Custodian.slnx --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=$?

# One closing line for all test projects, summed from their TRX reports.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  total=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  e=$(sed -E 's/.* error="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f + e)); skipped=$((skipped + total - p - f - e))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$status" -ne 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
