#!/usr/bin/env bash
# npm test: everything a fresh machine needs, then unit, integration, fault and browser tests against real services.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/stack.sh up
# the browser tests (vitest project e2e) drive Debian's chromium
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "[test] installing chromium for the browser tests"
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null ||
      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null; }
  else
    echo "[test] the browser tests need chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi
npx tsx scripts/migrate.ts
echo "[test] type check"
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p api/web/tsconfig.json
bash scripts/build-web.sh
rm -f .data/test-results/vitest.json
echo "[test] vitest"
npx vitest run "$@"
