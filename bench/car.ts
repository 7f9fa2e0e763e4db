/**
 * Car engine benchmark on data/networks/monaco.osm.pbf (run: npx tsx bench/car.ts).
 * Prints PBF parse + graph build time, one-to-all reverse Dijkstra time (median over the 50 seeded
 * targets that bench/pgrouting.sh also times), a 50-site matrix time, and pgRouting's figures from
 * bench/out/road/pgrouting_timing.csv when bench/pgrouting.sh has run, with ratios.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
	buildRoadGraph,
	carMinutesToTarget,
	DijkstraWorkspace,
	parseOsmPbf,
	reverseDijkstra,
	snapPoints
} from '../src/lib/reach/road/index.ts';
import { OUT, PBF, timingTargets } from './car-data.ts';

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;
function time<T>(f: () => T): [T, number] {
	const t0 = performance.now();
	const r = f();
	return [r, performance.now() - t0];
}

const bytes = new Uint8Array(readFileSync(PBF));
// Warm up the JIT once, then measure the median of 5 runs.
buildRoadGraph(parseOsmPbf(bytes));
const parseMs: number[] = [];
const buildMs: number[] = [];
let graph = buildRoadGraph(parseOsmPbf(bytes));
for (let i = 0; i < 5; i++) {
	const [ways, tp] = time(() => parseOsmPbf(bytes));
	const [g, tb] = time(() => buildRoadGraph(ways));
	parseMs.push(tp);
	buildMs.push(tb);
	graph = g;
}
console.log(`Monaco: ${(bytes.length / 1e6).toFixed(2)} MB PBF -> ${graph.nodeCount} nodes, ${graph.edgeCount} directed edges, main component ${graph.mainComponentSize} nodes`);
console.log(`  parse PBF            ${ms(median(parseMs))}`);
console.log(`  build graph (CSR)    ${ms(median(buildMs))}`);

const targets = timingTargets(graph);
const ws = new DijkstraWorkspace(graph.nodeCount);
for (const t of targets.slice(0, 10)) reverseDijkstra(graph, t, ws); // warm-up
const oneToAll: number[] = [];
for (let rep = 0; rep < 5; rep++) for (const t of targets) oneToAll.push(time(() => reverseDijkstra(graph, t, ws))[1]);
const ours = median(oneToAll);
console.log(`  one-to-all reverse Dijkstra: median ${ms(ours)} over ${targets.length} targets x 5`);

// Matrix: every graph node as an origin (snapped once) x the 50 targets as sites.
const origins = Array.from({ length: graph.nodeCount }, (_, u) => ({ id: u, lon: graph.lon[u], lat: graph.lat[u] }));
const sites = targets.map((t) => ({ lon: graph.lon[t], lat: graph.lat[t] }));
const [originSnaps, snapMs] = time(() => snapPoints(graph, origins));
const out = new Float64Array(origins.length);
const [, searchMs] = time(() => {
	for (const s of sites) carMinutesToTarget(graph, originSnaps, s, out, { workspace: ws });
});
const matrixMs = snapMs + searchMs;
console.log(`  matrix ${origins.length} origins x ${sites.length} sites: ${ms(matrixMs)} (snap origins ${ms(snapMs)} + 50 searches ${ms(searchMs)})`);

const pgFile = path.join(OUT, 'pgrouting_timing.csv');
if (!existsSync(pgFile)) {
	console.log('pgRouting not available (run `bash bench/pgrouting.sh` to install PostgreSQL + pgRouting and time it)');
} else {
	const rows = readFileSync(pgFile, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
	const pgMs = rows.map((r) => Number(r[1]));
	const pg = median(pgMs);
	const pgSum = pgMs.reduce((a, b) => a + b, 0);
	console.log(`pgRouting 3.4 pgr_drivingDistance (reversed edges, same graph, same ${rows.length} targets, incl. its SQL edge load):`);
	console.log(`  one-to-all: median ${ms(pg)}  -> ours is ${(pg / ours).toFixed(1)}x faster`);
	const sqlMs = median(rows.map((r) => Number(r[3] ?? 0)));
	if (sqlMs > 0) console.log(`  (of which its edge query alone takes ~${ms(sqlMs)}; search-only estimate ${ms(pg - sqlMs)} -> ${((pg - sqlMs) / ours).toFixed(1)}x)`);
	console.log(`  ${rows.length} sites (sum of one-to-all): ${ms(pgSum)} vs our matrix ${ms(matrixMs)} -> ${(pgSum / matrixMs).toFixed(1)}x`);
}
