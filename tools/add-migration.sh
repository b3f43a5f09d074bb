#!/usr/bin/env bash
# Adds an EF Core migration that runs unchanged on SQLite and PostgreSQL (ADR 0003).
# usage: tools/add-migration.sh NAME CONTEXT PROJECT_DIR OUTPUT_DIR
#   e.g. tools/add-migration.sh AddConsents PrivacyDb src/Custodian.Privacy Consent/Migrations
set -euo pipefail
if [ $# -ne 4 ]; then
  echo "usage: $0 NAME CONTEXT PROJECT_DIR OUTPUT_DIR" >&2
  exit 2
fi
name=$1 context=$2 project=$3 output=$4
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --context "$context" --project "$project" --startup-project src/Custodian.Web --output-dir "$output"
python3 tools/neutral_migrations.py "$project/$output"
dotnet build "$project" -warnaserror >/dev/null
echo "Migration $name added and made provider-neutral. Run the storage tests on both engines before committing."
