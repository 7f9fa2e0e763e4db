#!/usr/bin/env bash
# All benchmarks in one command (`npm run bench`): prints figures and ratios against peer engines and
# records them, with the machine and date, in bench/RESULTS.md. Benchmarks are never asserted in tests.
#   BENCH_SKIP_PGROUTING=1  skip the pgRouting comparison (it installs PostgreSQL 15 + pgRouting with apt-get)
#   BENCH_SKIP_BROWSER=1    skip the browser figures (they need Debian chromium and a build)
#   BENCH_SKIP_PBF=1        skip the national-size OSM PBF cut (generates a 454 MB file in /tmp first, ~4 min)
#   BENCH_SKIP_NATIONAL=1   skip the national-size GTFS (generated in /tmp, ~180 MB, a few minutes)
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
OUT=bench/RESULTS.md
LOG=$(mktemp)

section() {
	local title=$1
	shift
	echo "› $title"
	{
		echo
		echo "## $title"
		echo
		echo '```'
		"$@" 2>&1 | grep -v 'nodedir'
		echo '```'
	} | tee -a "$LOG"
}

{
	echo "# Benchmark results"
	echo
	echo "Recorded by \`npm run bench\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
	echo
	echo "- machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
	echo "- node $(node --version), $(uname -sr)"
	echo
	echo "Figures vary by ±30 % with machine load; ratios come from peers run in the same process run."
} > "$LOG"

section "PT engine vs minotor and raptor-journey-planner (Zug GTFS)" npx tsx bench/pt.ts
section "Car engine (Monaco OSM PBF)" npx tsx bench/car.ts
if [ "${BENCH_SKIP_PGROUTING:-0}" != 1 ]; then
	section "Car engine vs pgRouting (identical graph)" bash bench/pgrouting.sh
	section "Car engine vs pgRouting, one-to-all timing" npx tsx bench/car.ts
fi
[ -f bench/import.ts ] && section "Import: duckdb-wasm vs native DuckDB" npx tsx bench/import.ts
section "Import: peak memory, streaming (Node, 1 M customer rows)" npx tsx bench/import-memory.ts
if [ "${BENCH_SKIP_PBF:-0}" != 1 ]; then
	section "OSM PBF, national size: cut to a study region (Node, CLI route)" npx tsx bench/pbf-cut.ts
fi
section "Lucerne default matrix in Node (CLI)" npx tsx scripts/cli.ts matrix --out /tmp/standortwahl-bench-tt.csv
npx tsx bench/address-data.ts >/dev/null
section "Address geocoding in Node (national-size directory, 100 k addresses)" npx tsx --expose-gc bench/address.ts
if [ "${BENCH_SKIP_BROWSER:-0}" != 1 ]; then
	bash scripts/ensure-chromium.sh >/dev/null
	npx vite build --logLevel error >/dev/null
	section "Browser: cold start, full Lucerne matrix, weight change to redraw" node bench/browser.mjs
	section "Browser: large import, 1 M customer rows (CSV and Parquet)" node bench/import-browser.mjs
	section "Browser: duckdb-wasm single-threaded (eh) vs multi-threaded (coi, cross-origin isolated)" node bench/coi-browser.mjs
	section "Browser: 5'000 candidate sites (import, ranking, weight change)" node bench/sites-browser.mjs
	[ "${BENCH_SKIP_PBF:-0}" != 1 ] && section "Browser: OSM PBF, national size, cut in a Web Worker" npx tsx bench/pbf-browser.mjs
	section "Browser: address geocoding (national-size directory, 100 k addresses)" node bench/address-browser.mjs
fi
if [ "${BENCH_SKIP_NATIONAL:-0}" != 1 ]; then
	NAT=/tmp/standortwahl-gtfs-national.zip
	[ -f "$NAT" ] || npx tsx bench/gtfs-national.ts "$NAT" >/dev/null
	section "GTFS: national-size feed cut to the study region (Node)" npx tsx bench/gtfs-cut.ts "$NAT"
	if [ "${BENCH_SKIP_BROWSER:-0}" != 1 ]; then
		section "GTFS: national-size feed cut in a chromium Web Worker" npx tsx bench/gtfs-browser.ts "$NAT"
	fi
fi
mv "$LOG" "$OUT"
echo "› written $OUT"
