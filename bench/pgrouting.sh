#!/usr/bin/env bash
# Verify and time our car engine against pgRouting on the identical Monaco graph.
#   1. installs PostgreSQL 15 + pgRouting (Debian) if missing,
#   2. exports our graph (bench/pgrouting-export.ts) as a directed edge list,
#   3. runs a throw-away cluster on a Unix socket in a temp dir (no TCP), loads the edges,
#   4. pgr_dijkstraCost on seeded pairs -> tests/fixtures/road/pgrouting_monaco.csv (the vitest fixture),
#      pgr_dijkstraCost all-to-one for 5 targets -> bench/out/road/pg_full.csv,
#      pgr_drivingDistance on the reversed edges (one-to-all to a target) timed for 50 targets,
#   5. compares everything with our Dijkstra (bench/pgrouting-compare.ts).
#   6. with --osm2pgrouting: also imports the same PBF with osm2pgrouting (its own car mapconfig) and
#      compares its times with our free-flow graph on the seeded pairs (bench/osm2pgrouting-compare.ts).
# Regenerate the fixture: bash bench/pgrouting.sh   (needs root for apt-get, or the packages installed)
set -euo pipefail
cd "$(dirname "$0")/.."
PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PGBIN/initdb" ] || ! ls /usr/share/postgresql/15/extension/pgrouting.control >/dev/null 2>&1; then
	echo "› installing postgresql-15 + postgresql-15-pgrouting"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-15-pgrouting >/dev/null
fi

echo "› exporting our graph"
npx tsx bench/pgrouting-export.ts
OUT=$(pwd)/bench/out/road

TMP=$(mktemp -d /tmp/pgr.XXXXXX)
chown postgres "$TMP"
PORT=55432
as_pg() { runuser -u postgres -- "$@"; }
as_pg "$PGBIN/initdb" -D "$TMP/data" -A trust -U postgres >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$TMP/data" -o "-c listen_addresses='' -k $TMP -p $PORT -c shared_buffers=256MB" -l "$TMP/log" -w start >/dev/null
cleanup() { as_pg "$PGBIN/pg_ctl" -D "$TMP/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$TMP"; }
trap cleanup EXIT
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$TMP" -p "$PORT" -U postgres -d postgres)

echo "› loading into PostgreSQL $("${PSQL[@]}" -Atc 'SHOW server_version') + pgRouting"
"${PSQL[@]}" <<SQL
CREATE EXTENSION pgrouting CASCADE;
CREATE TABLE edges (id bigint PRIMARY KEY, source bigint, target bigint, cost float8, reverse_cost float8);
\copy edges FROM '$OUT/edges.csv' CSV HEADER
CREATE TABLE pairs (source bigint, target bigint);
\copy pairs FROM '$OUT/pairs.csv' CSV HEADER
CREATE TABLE full_targets (vid bigint);
\copy full_targets FROM '$OUT/full_targets.csv' CSV HEADER
CREATE TABLE timing_targets (vid bigint);
\copy timing_targets FROM '$OUT/timing_targets.csv' CSV HEADER
CREATE TABLE vertices AS SELECT source AS vid FROM edges UNION SELECT target FROM edges;
ANALYZE;
SQL
echo "pgRouting $("${PSQL[@]}" -Atc 'SELECT pgr_version()')"

echo "› pgr_dijkstraCost on $(($(wc -l < "$OUT/pairs.csv") - 1)) seeded pairs -> fixture"
mkdir -p tests/fixtures/road
"${PSQL[@]}" <<SQL
CREATE TABLE pair_cost AS SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost(
  'SELECT id, source, target, cost, reverse_cost FROM edges', 'SELECT source, target FROM pairs', true);
\copy (SELECT p.source, p.target, c.agg_cost AS seconds FROM pairs p LEFT JOIN pair_cost c ON c.start_vid = p.source AND c.end_vid = p.target ORDER BY p.target, p.source) TO '$(pwd)/tests/fixtures/road/pgrouting_monaco.csv' CSV HEADER
SQL

echo "› pgr_dijkstraCost all-to-one for 5 targets"
"${PSQL[@]}" <<SQL
\copy (SELECT c.end_vid AS target, c.start_vid AS source, c.agg_cost AS seconds FROM full_targets t, LATERAL pgr_dijkstraCost('SELECT id, source, target, cost, reverse_cost FROM edges', ARRAY(SELECT vid FROM vertices), t.vid, true) c) TO '$OUT/pg_full.csv' CSV HEADER
SQL

echo "› timing: pgr_drivingDistance on reversed edges (one-to-all to a target) for 50 targets"
"${PSQL[@]}" <<SQL
CREATE TABLE timing (vid bigint, ms float8, reached bigint, edges_sql_ms float8);
DO \$\$
DECLARE t bigint; t0 timestamptz; n bigint; ms float8; m bigint;
BEGIN
  -- one warm-up call so that the first timed call does not pay for loading the library
  PERFORM count(*) FROM pgr_drivingDistance('SELECT id, target AS source, source AS target, cost FROM edges', (SELECT min(vid) FROM timing_targets), 1e12, true);
  FOR t IN SELECT vid FROM timing_targets LOOP
    t0 := clock_timestamp();
    SELECT count(*) INTO n FROM pgr_drivingDistance('SELECT id, target AS source, source AS target, cost FROM edges', t, 1e12, true);
    ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
    -- the same edge query alone: the share of the call that is SQL, not graph search
    t0 := clock_timestamp();
    SELECT count(*) INTO m FROM (SELECT id, target AS source, source AS target, cost FROM edges) e;
    INSERT INTO timing VALUES (t, ms, n, extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
END \$\$;
\copy timing TO '$OUT/pgrouting_timing.csv' CSV HEADER
SQL

echo "› comparing with our Dijkstra"
npx tsx bench/pgrouting-compare.ts
echo "› timing side by side"
npx tsx bench/car.ts

if [ "${1:-}" = "--osm2pgrouting" ]; then
	if ! command -v osm2pgrouting >/dev/null || ! command -v osmium >/dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq osm2pgrouting osmium-tool >/dev/null
	fi
	echo "› osm2pgrouting import (mapconfig_for_cars.xml)"
	osmium cat data/networks/monaco.osm.pbf -o "$TMP/monaco.osm" --overwrite
	osm2pgrouting -f "$TMP/monaco.osm" -c /usr/share/osm2pgrouting/mapconfig_for_cars.xml \
		-d postgres -U postgres -h "$TMP" -p "$PORT" --clean > "$TMP/o2p.log" 2>&1 || { tail -20 "$TMP/o2p.log"; exit 1; }
	"${PSQL[@]}" <<SQL
CREATE TABLE o2p_pairs AS SELECT vs.id AS s, vt.id AS t, p.source, p.target FROM pairs p
  JOIN ways_vertices_pgr vs ON vs.osm_id = p.source JOIN ways_vertices_pgr vt ON vt.osm_id = p.target;
-- more pairs: seeded sample of vertices osm2pgrouting also has (way ends and junctions)
INSERT INTO o2p_pairs SELECT a.id, b.id, a.osm_id, b.osm_id FROM
  (SELECT id, osm_id, row_number() OVER (ORDER BY md5(osm_id::text)) AS k FROM ways_vertices_pgr) a JOIN
  (SELECT id, osm_id, row_number() OVER (ORDER BY md5(osm_id::text || 'x')) AS k FROM ways_vertices_pgr) b ON a.k <= 40 AND b.k <= 50 AND a.id <> b.id;
CREATE TABLE o2p_cost AS SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost(
  'SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ways', 'SELECT s AS source, t AS target FROM o2p_pairs', true);
\copy (SELECT p.source, p.target, c.agg_cost AS seconds FROM o2p_pairs p LEFT JOIN o2p_cost c ON c.start_vid = p.s AND c.end_vid = p.t) TO '$OUT/o2p_pairs.csv' CSV HEADER
\copy (SELECT tag_id, count(*) AS ways, round(sum(length_m)) AS metres, round(avg(maxspeed_forward)) AS avg_kmh, sum((oneway = 'YES')::int) AS oneway_yes, sum((oneway = 'REVERSED')::int) AS oneway_reversed, sum((oneway = 'UNKNOWN')::int) AS oneway_unknown FROM ways GROUP BY tag_id ORDER BY tag_id) TO '$OUT/o2p_classes.csv' CSV HEADER
SQL
	npx tsx bench/osm2pgrouting-compare.ts
fi
