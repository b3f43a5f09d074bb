#!/usr/bin/env bash
# Mutation testing with Stryker.NET (the local dotnet tool in dotnet-tools.json): breaks the code on purpose, one small
# change at a time, and counts the changes the tests notice. Areas, each with its own config in tests/stryker/:
#   audit, protection, requests, deadlines   the privacy kernel (src/Custodian.Privacy)
#   collection-http, collection-checkpoints  the collectors' HTTP and checkpoint code (src/Custodian.Modules.Marketplace)
# Usage: scripts/mutation.sh [AREA...]   (no area: all of them, one after another; hours on a 2-core machine)
#        MUTATION_CONCURRENCY=1 scripts/mutation.sh audit
# Runs on the embedded engines only (SQLite, DuckDB): tests that need PostgreSQL or ClickHouse skip, as they do
# locally without servers. Long, so it is a script, not part of test.sh or .ci/run. Reports (HTML, JSON, Markdown) go
# to StrykerOutput/<area>/; the scores are recorded in docs/MUTATION.md.
set -euo pipefail
cd "$(dirname "$0")/.."

all=(audit protection requests deadlines collection-http collection-checkpoints)
areas=("$@")
[ ${#areas[@]} -eq 0 ] && areas=("${all[@]}")
for area in "${areas[@]}"; do
  [ -f "tests/stryker/$area.json" ] || { echo "unknown area '$area'; known: ${all[*]}" >&2; exit 2; }
done

dotnet tool restore >/dev/null
# Servers are not started: without them their tests skip (with CI=true they would fail the initial test run).
unset CI CUSTODIAN_TEST_POSTGRES CUSTODIAN_TEST_CLICKHOUSE CUSTODIAN_TEST_CLICKHOUSE_CLUSTER CUSTODIAN_TEST_CLICKHOUSE_SHARDS

extra=()
[ -n "${MUTATION_CONCURRENCY:-}" ] && extra+=(--concurrency "$MUTATION_CONCURRENCY")
root=$(pwd)
for area in "${areas[@]}"; do
  echo "== mutation testing: $area ($(date -u +%FT%TZ))"
  output=$root/StrykerOutput/$area
  rm -rf "$output"
  # Stryker runs in the test project's folder (from the root it would take the whole solution).
  case $area in
    collection-*) tests=tests/Custodian.Modules.Marketplace.Tests ;;
    *) tests=tests/Custodian.Privacy.Tests ;;
  esac
  dotnet build "$tests" -v q -nologo >/dev/null # Stryker analyses the built projects
  (cd "$tests" && dotnet stryker --config-file "$root/tests/stryker/$area.json" --output "$output" --skip-version-check "${extra[@]}")
  report=$(find "$output" -name mutation-report.md | head -n 1)
  [ -n "$report" ] && sed -n '1,40p' "$report"
done
