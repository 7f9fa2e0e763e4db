#!/usr/bin/env bash
# All tests: unit tests (vitest, Node) and browser tests (Debian chromium via playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh
echo "› type check"
npx svelte-kit sync >/dev/null
npx svelte-check --tsconfig ./tsconfig.json --threshold error --output human | tail -n 3
npx tsc -p tsconfig.scripts.json   # CLI, scripts and benchmarks (outside the app's tsconfig)
echo "› unit tests"
npx vitest run
echo "› build"
npx vite build --logLevel warn
echo "› browser tests"
node tests/e2e/run.mjs
