import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, DijkstraWorkspace, parseOsmPbf, reverseDijkstra } from '../../src/lib/reach/road/index.ts';

/**
 * tests/fixtures/road/pgrouting_monaco.csv holds pgRouting 3.4 pgr_dijkstraCost results (seconds) for 500
 * seeded (source, target) pairs of OSM node ids on our own Monaco graph exported as an edge list.
 * Regenerate with `bash bench/pgrouting.sh` (installs PostgreSQL 15 + pgRouting). Empty = unreachable.
 */
const rows = readFileSync('tests/fixtures/road/pgrouting_monaco.csv', 'utf8')
	.trim()
	.split('\n')
	.slice(1)
	.map((l) => l.split(','));

describe('car Dijkstra vs pgRouting on Monaco', () => {
	const g = buildRoadGraph(parseOsmPbf(new Uint8Array(readFileSync('data/networks/monaco.osm.pbf'))));
	const index = new Map<number, number>();
	for (let u = 0; u < g.nodeCount; u++) index.set(g.osmId[u], u);

	it('has a fixture of reachable and unreachable pairs', () => {
		expect(rows.length).toBe(500);
		expect(rows.filter((r) => r[2] === '').length).toBeGreaterThan(10);
	});

	it('matches pgr_dijkstraCost exactly (1e-3 s)', () => {
		const ws = new DijkstraWorkspace(g.nodeCount);
		let lastTarget = NaN;
		let dist: Float64Array = new Float64Array(0);
		let compared = 0;
		for (const [s, t, sec] of rows) {
			if (Number(t) !== lastTarget) {
				lastTarget = Number(t);
				expect(index.has(lastTarget)).toBe(true);
				dist = reverseDijkstra(g, index.get(lastTarget)!, ws);
			}
			const ours = dist[index.get(Number(s))!];
			if (sec === '') expect(ours, `${s}->${t}`).toBe(Infinity);
			else expect(Math.abs(ours - Number(sec)), `${s}->${t}`).toBeLessThanOrEqual(1e-3);
			compared++;
		}
		expect(compared).toBe(500);
	});
});
