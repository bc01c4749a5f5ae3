#!/usr/bin/env bash
# npm run bench -- --readings 200000: installs what is missing, then runs the pipeline benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec node_modules/.bin/tsx scripts/bench.ts "$@"
