/** Nearest-node snapping (road/snap.ts): exact against a scan of every node, whatever the bucket size. */
import { describe, expect, it } from 'vitest';
import { buildSnapGrid, nearestNode } from '../../src/lib/reach/road/snap.ts';
import { roadGraphFromNetFile, roadGraphToNetFile } from '../../src/lib/reach/road/road-netfile.ts';
import { buildRoadGraph, snapPoints, type RoadWay } from '../../src/lib/reach/road/index.ts';
import { createRng } from '../../src/lib/data/prng.ts';
import { M_PER_DEG } from '../../src/lib/reach/road/geo.ts';

/** The nearest member by a plain scan, with the grid's own distance (ties: the distance is compared). */
function scan(lon: Float64Array, lat: Float64Array, member: Uint8Array, qLon: number, qLat: number): number {
	const cos = Math.cos((qLat * Math.PI) / 180);
	let best = Infinity;
	for (let u = 0; u < lon.length; u++) if (member[u]) best = Math.min(best, Math.hypot((lon[u] - qLon) * cos, lat[u] - qLat) * M_PER_DEG);
	return best;
}

function nodes(n: number, seed: number, box: [number, number, number, number]) {
	const rnd = createRng(seed).next;
	const lon = Float64Array.from({ length: n }, () => box[0] + rnd() * (box[2] - box[0]));
	const lat = Float64Array.from({ length: n }, () => box[1] + rnd() * (box[3] - box[1]));
	const member = Uint8Array.from({ length: n }, () => (rnd() < 0.9 ? 1 : 0));
	return { lon, lat, member, rnd };
}

describe('snap grid', () => {
	// A canton-sized box: 500 nodes (the approximate default's density) and 50,000 (a real road graph's order).
	for (const n of [500, 50_000])
		it(`finds the nearest of ${n} nodes as a scan does, inside and around the network, and sizes its buckets to about one node each`, () => {
			const box: [number, number, number, number] = [7.85, 46.8, 8.5, 47.3];
			const { lon, lat, member, rnd } = nodes(n, n, box);
			const g = buildSnapGrid(lon, lat, member);
			const members = member.reduce((a, b) => a + b, 0);
			expect(g.width * g.height).toBeLessThanOrEqual(4 * members);
			expect(g.width * g.height).toBeGreaterThanOrEqual(members / 4);
			expect(g.cellNodes.length).toBe(members);
			for (let q = 0; q < 400; q++) {
				// Queries inside the box and up to 20 km beyond it.
				const qLon = box[0] - 0.25 + rnd() * (box[2] - box[0] + 0.5);
				const qLat = box[1] - 0.2 + rnd() * (box[3] - box[1] + 0.4);
				const s = nearestNode(g, lon, lat, qLon, qLat);
				expect(member[s.node]).toBe(1);
				expect(s.distM).toBeCloseTo(scan(lon, lat, member, qLon, qLat), 9);
			}
		});
});

describe('network file with a fine snap grid over a sparse network (written before the grid was sized by density)', () => {
	it('is given a grid of about one node per bucket on reading, with the snaps of the graph as built', async () => {
		// A sparse ladder of roads over ~40 km: a few hundred nodes.
		const ways: RoadWay[] = [];
		for (let k = 0; k < 30; k++) {
			const lat = 47 + k * 0.01;
			ways.push({ id: k, tags: { highway: 'secondary' }, coords: Array.from({ length: 10 }, (_, i) => [8 + i * 0.05, lat]).flat() });
			if (k) ways.push({ id: 100 + k, tags: { highway: 'secondary' }, coords: [8, lat - 0.01, 8, lat] });
		}
		const graph = buildRoadGraph(ways);
		// An old file's grid: 100 × as many buckets (every node listed in the first: the reader must not use it).
		const g = graph.grid;
		const [width, height] = [g.width * 10, g.height * 10];
		const cellStart = new Int32Array(width * height + 1).fill(g.cellNodes.length);
		cellStart[0] = 0;
		const old = { ...graph, grid: { ...g, dx: g.dx / 10, dy: g.dy / 10, width, height, cellStart } };
		expect(width * height).toBeGreaterThan(4 * graph.mainComponentSize);
		const { bytes } = await roadGraphToNetFile(old, { kind: 'car', sourceName: 't', sourceBytes: 1, createdBy: 'test', createdAt: '2026-12-01T00:00:00Z' } as never);
		const back = (await roadGraphFromNetFile(bytes)).graph;
		expect(back.grid.width * back.grid.height).toBeLessThanOrEqual(4 * graph.mainComponentSize);
		const rnd = createRng(3).next;
		const pts = Array.from({ length: 300 }, () => ({ lon: 7.95 + rnd() * 0.55, lat: 46.98 + rnd() * 0.33 }));
		expect(snapPoints(back, pts)).toEqual(snapPoints(graph, pts));
	});
});
