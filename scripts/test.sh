#!/usr/bin/env bash
# npm test: everything a fresh machine needs, then unit and integration tests against real services.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/stack.sh up
npx tsx scripts/migrate.ts
echo "[test] type check"
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p api/web/tsconfig.json
bash scripts/build-web.sh
rm -f .data/test-results/vitest.json
echo "[test] vitest"
npx vitest run "$@"
