#!/usr/bin/env bash
# Quick start: install dependencies, build the static app, serve it on http://localhost:4173/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "› building the app"
npx vite build --logLevel warn
exec node scripts/serve.mjs --port "${PORT:-4173}"
