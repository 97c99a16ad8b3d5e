#!/usr/bin/env bash
# Fetches dynalite (npm, MIT), the DynamoDB-compatible engine the metadata tests start on 127.0.0.1, into
# tools/dynalite/. (DynamoDB Local's licence rules it out.) The Maven build runs this before the tests; without npm or
# the registry it says so and those tests are skipped, unless PICTOR_REQUIRE_DYNALITE=1 (CI), which makes that an
# error.
set -euo pipefail
version=4.0.0
dir="$(cd "$(dirname "$0")" && pwd)/dynalite"
if [ -f "$dir/node_modules/dynalite/cli.js" ]; then
  exit 0
fi
mkdir -p "$dir"
if ! command -v npm >/dev/null 2>&1 \
    || ! npm install --silent --no-save --no-audit --no-fund --prefix "$dir" "dynalite@$version" >/dev/null 2>&1; then
  echo "dynalite could not be fetched (npm missing or registry unreachable): the DynamoDB tests are skipped" >&2
  [ "${PICTOR_REQUIRE_DYNALITE:-0}" = 1 ] && exit 1
  exit 0
fi
echo "dynalite $version in $dir"
