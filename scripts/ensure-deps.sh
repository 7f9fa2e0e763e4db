#!/usr/bin/env bash
# Install the project's npm dependencies when missing or out of date (clean clones, CI).
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.standortwahl-lock
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
	echo "› npm ci"
	npm ci --no-audit --no-fund --loglevel=error
	cp package-lock.json "$stamp"
fi
