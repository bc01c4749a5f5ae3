#!/usr/bin/env bash
# npm test: everything a fresh machine needs, then unit, integration, fault and browser tests against real services.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/stack.sh up
# the browser tests (vitest project e2e) drive Debian's chromium; Japanese text needs CJK fonts
# (without them the screenshots show empty boxes)
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "[test] installing ${missing[*]} for the browser tests"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null ||
      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null; }
  elif [ ! -x "$CHROMIUM" ]; then
    echo "[test] the browser tests need chromium: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  else
    echo "[test] warning: no CJK fonts, screenshots will show boxes: sudo apt-get install -y fonts-noto-cjk" >&2
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
