#!/usr/bin/env bash
# Builds the web UI into api/web/dist unless the build is newer than every source (--force: always).
set -euo pipefail
cd "$(dirname "$0")/.."
out=api/web/dist/index.html
if [ "${1:-}" != "--force" ] && [ -f "$out" ] &&
  [ -z "$(find api/web/src api/web/index.html api/web/vite.config.ts -newer "$out" -print -quit)" ]; then
  echo "[web] build is up to date ($out)"
  exit 0
fi
echo "[web] building the web UI"
npx vite build api/web --logLevel warn
