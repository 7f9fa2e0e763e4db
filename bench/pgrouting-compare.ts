/**
 * Compares pgRouting's results (written by bench/pgrouting.sh) with our reverse Dijkstra on the same graph:
 * the seeded-pair fixture, five full all-to-one columns, and the node counts of the timed one-to-all runs.
 * Exit code 1 on any difference above 1e-3 s or any reachability difference.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DijkstraWorkspace, reverseDijkstra } from '../src/lib/reach/road/index.ts';
import { FIXTURE, monacoGraph, OUT } from './car-data.ts';

const TOL = 1e-3;
const g = monacoGraph();
const index = new Map<number, number>();
for (let u = 0; u < g.nodeCount; u++) index.set(g.osmId[u], u);
const ws = new DijkstraWorkspace(g.nodeCount);

function csv(file: string): string[][] {
	return readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
}

/** Group rows [target, source, seconds] by target and compare each group with one reverse search. */
function compare(label: string, rows: Array<[number, number, string]>, allNodes: boolean): number {
	const byTarget = new Map<number, Map<number, string>>();
	for (const [t, s, sec] of rows) {
		if (!byTarget.has(t)) byTarget.set(t, new Map());
		byTarget.get(t)!.set(s, sec);
	}
	let compared = 0;
	let unreachable = 0;
	let bad = 0;
	let maxDiff = 0;
	for (const [t, sources] of byTarget) {
		const dist = reverseDijkstra(g, index.get(t)!, ws);
		const check = (s: number, pgSec: string | undefined) => {
			const ours = dist[index.get(s)!];
			const pgVal = pgSec === undefined || pgSec === '' ? Infinity : Number(pgSec);
			compared++;
			if (!Number.isFinite(pgVal) || !Number.isFinite(ours)) {
				if (pgVal !== ours) bad++;
				else unreachable++;
				return;
			}
			const d = Math.abs(pgVal - ours);
			maxDiff = Math.max(maxDiff, d);
			if (d > TOL) bad++;
		};
		if (allNodes) {
			for (let u = 0; u < g.nodeCount; u++) if (g.osmId[u] !== t) check(g.osmId[u], sources.get(g.osmId[u]));
		} else for (const [s, sec] of sources) check(s, sec);
	}
	console.log(`${label}: ${compared} pairs (${unreachable} unreachable in both), max |diff| ${maxDiff.toExponential(2)} s, mismatches ${bad}`);
	return bad;
}

let bad = compare('fixture pairs (pgr_dijkstraCost)', csv(FIXTURE).map(([s, t, sec]) => [Number(t), Number(s), sec]), false);
bad += compare('all-to-one x5 (pgr_dijkstraCost)', csv(path.join(OUT, 'pg_full.csv')).map(([t, s, sec]) => [Number(t), Number(s), sec]), true);

let countBad = 0;
const timing = csv(path.join(OUT, 'pgrouting_timing.csv'));
for (const [t, , reached] of timing) {
	const dist = reverseDijkstra(g, index.get(Number(t))!, ws);
	let n = 0;
	for (let u = 0; u < g.nodeCount; u++) if (Number.isFinite(dist[u])) n++;
	if (n !== Number(reached)) countBad++;
}
console.log(`one-to-all (pgr_drivingDistance, reversed): ${timing.length} targets, reached-node counts differ for ${countBad}`);
bad += countBad;
console.log(bad === 0 ? 'MATCH: identical times on the identical graph' : `DIFFERENCES: ${bad}`);
process.exit(bad === 0 ? 0 : 1);
