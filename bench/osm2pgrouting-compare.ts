/**
 * Our free-flow Monaco graph vs osm2pgrouting's own import of the same PBF (mapconfig_for_cars.xml),
 * both searched by Dijkstra on the same OSM node pairs. Run by `bash bench/pgrouting.sh --osm2pgrouting`.
 * Differences come from the graph build (class speeds, access, one-way rules), not from the search.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildRoadGraph, DijkstraWorkspace, parseOsmPbf, reverseDijkstra } from '../src/lib/reach/road/index.ts';
import { OUT, PBF } from './car-data.ts';

const g = buildRoadGraph(parseOsmPbf(new Uint8Array(readFileSync(PBF))), { peak: false });
const index = new Map<number, number>();
for (let u = 0; u < g.nodeCount; u++) index.set(g.osmId[u], u);
const csv = (f: string) => readFileSync(path.join(OUT, f), 'utf8').trim().split('\n');

const rows = csv('o2p_pairs.csv').slice(1).map((l) => l.split(','));
const byTarget = new Map<number, Array<[number, string]>>();
for (const [s, t, sec] of rows) {
	if (!byTarget.has(Number(t))) byTarget.set(Number(t), []);
	byTarget.get(Number(t))!.push([Number(s), sec]);
}
const ws = new DijkstraWorkspace(g.nodeCount);
const ratios: number[] = [];
let both = 0;
let onlyOurs = 0;
let onlyTheirs = 0;
let neither = 0;
let missingInOurs = 0;
for (const [t, list] of byTarget) {
	const ti = index.get(t);
	const dist = ti === undefined ? null : reverseDijkstra(g, ti, ws);
	for (const [s, sec] of list) {
		const si = index.get(s);
		if (!dist || si === undefined) {
			missingInOurs++;
			continue;
		}
		const ours = dist[si];
		const theirs = sec === '' ? Infinity : Number(sec);
		if (Number.isFinite(ours) && Number.isFinite(theirs)) {
			both++;
			if (ours > 30) ratios.push(theirs / ours);
		} else if (Number.isFinite(ours)) onlyOurs++;
		else if (Number.isFinite(theirs)) onlyTheirs++;
		else neither++;
	}
}
const q = (p: number) => [...ratios].sort((a, b) => a - b)[Math.floor(p * (ratios.length - 1))];
console.log(`osm2pgrouting vs our free-flow graph, ${rows.length} pairs of OSM nodes:`);
console.log(`  reachable in both ${both}, only ours ${onlyOurs}, only osm2pgrouting ${onlyTheirs}, neither ${neither}, node not in our car graph ${missingInOurs}`);
console.log(`  time ratio osm2pgrouting / ours (pairs > 30 s): p10 ${q(0.1).toFixed(2)}  median ${q(0.5).toFixed(2)}  p90 ${q(0.9).toFixed(2)}`);
console.log('  osm2pgrouting classes (tag_id, ways, metres, avg km/h, oneway YES, REVERSED, UNKNOWN):');
for (const l of csv('o2p_classes.csv').slice(1)) console.log(`    ${l}`);
