#!/usr/bin/env bash
# Adds a migration with the same name to both providers: scripts/add-migration.sh AddServiceRequests
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
dotnet build src/Nigehban.Web -v q -nologo >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/Nigehban.Migrations.$provider" --startup-project "src/Nigehban.Migrations.$provider" --output-dir Migrations
done
