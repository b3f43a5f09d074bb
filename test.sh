#!/usr/bin/env bash
# Runs every test of Custodian: unit, integration (real PostgreSQL, ClickHouse, DuckDB, SQLite) and browser
# (Debian's Chromium). Installs the servers and the browser when missing (as root) and starts throwaway
# instances on loopback. Extra arguments go to `dotnet test` (e.g. --filter-class 'Custodian.Web.Tests.*').
set -euo pipefail
cd "$(dirname "$0")"
source scripts/test-servers.sh

ensure_test_packages
trap stop_test_servers EXIT
start_test_servers

results=$(pwd)/TestResults
rm -rf "$results"
mkdir -p "$results"
status=0
extra=()
# With a filter, projects without a matching test are normal (exit code 8, "zero tests ran").
[ $# -gt 0 ] && extra=(--ignore-exit-code 8)
dotnet test --solution Custodian.slnx --report-xunit-trx --results-directory "$results" --no-progress "${extra[@]}" "$@" 2>&1 | tee "$results/dotnet-test.log" || status=$?

# One closing line for all test projects, from the runner's own summary (TRX files of projects that finish in
# the same instant share a name, so they are no reliable source for counts).
summary=$(sed -n '/^Test run summary/,$p' "$results/dotnet-test.log")
count() { grep -E "^ +$1: [0-9]+" <<<"$summary" | head -n 1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count succeeded) failed=$(count failed) skipped=$(count skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # build error or crash: no summary, still a failure
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
