import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, parseOsmPbf, routeCar, snapPoint, type RoadWay } from '../../src/lib/reach/road/index.ts';
import { createRng } from '../../src/lib/data/prng.ts';

/** Reference read by libosmium (bench/osmium-fixture.py). */
interface OsmiumFixture {
	highwayWays: number;
	highwayNodeRefs: number;
	classes: Record<string, number>;
	sample: Array<{ id: number; tags: Record<string, string>; nodes: Array<[number, number, number]> }>;
}
const ref = JSON.parse(readFileSync('tests/fixtures/road/monaco_osmium.json', 'utf8')) as OsmiumFixture;
const bytes = new Uint8Array(readFileSync('data/networks/monaco.osm.pbf'));

describe('parseOsmPbf on Monaco', () => {
	const ways = parseOsmPbf(bytes);
	const byId = new Map<number, RoadWay>(ways.map((w) => [w.id, w]));

	it('reads the same highway ways as libosmium', () => {
		// libosmium also lists 3 single-node highway ways, which cannot carry an edge and are dropped.
		expect(ways.length).toBe(ref.highwayWays - 3);
		expect(ways.reduce((a, w) => a + w.nodeIds!.length, 0)).toBe(ref.highwayNodeRefs - 3);
		const classes: Record<string, number> = {};
		for (const w of ways) classes[w.tags.highway] = (classes[w.tags.highway] ?? 0) + 1;
		for (const [k, n] of Object.entries(ref.classes)) expect(classes[k] ?? 0, k).toBeGreaterThanOrEqual(n - 3);
	});

	it('decodes tags, node ids and coordinates exactly', () => {
		expect(ref.sample.length).toBeGreaterThan(20);
		for (const s of ref.sample) {
			const w = byId.get(s.id);
			if (s.nodes.length < 2) continue;
			expect(w, `way ${s.id}`).toBeDefined();
			expect(w!.tags).toEqual(s.tags);
			expect(Array.from(w!.nodeIds!)).toEqual(s.nodes.map((n) => n[0]));
			s.nodes.forEach(([, lon, lat], k) => {
				expect(w!.coords[2 * k]).toBeCloseTo(lon, 9);
				expect(w!.coords[2 * k + 1]).toBeCloseTo(lat, 9);
			});
		}
	});

	it('builds a routable car graph', () => {
		const g = buildRoadGraph(ways);
		expect(g.nodeCount).toBeGreaterThan(10_000);
		expect(g.mainComponentSize / g.nodeCount).toBeGreaterThan(0.85);
		// Monaco-Ville (Palais) to Monte-Carlo (Casino): 1.08 km as the crow flies; by road longer, not absurdly so.
		const r = routeCar(g, { lon: 7.4206, lat: 43.7313 }, { lon: 7.4281, lat: 43.7393 })!;
		expect(r.meters).toBeGreaterThan(1.1 * 1080);
		expect(r.meters).toBeLessThan(3 * 1080);
		expect(r.minutes).toBeGreaterThan(1.5);
		expect(r.minutes).toBeLessThan(12);
	});

	it('snaps to the nearest main-component node (checked by brute force)', () => {
		const g = buildRoadGraph(ways);
		const rng = createRng(7);
		for (let i = 0; i < 300; i++) {
			// points in and around the extract, some far outside it
			const p = { lon: rng.uniform(7.30, 7.55), lat: rng.uniform(43.68, 43.80) };
			const s = snapPoint(g, p, Infinity);
			const k = Math.cos((p.lat * Math.PI) / 180);
			let best = Infinity;
			for (let u = 0; u < g.nodeCount; u++) {
				if (!g.inMainComponent[u]) continue;
				const d = Math.hypot((g.lon[u] - p.lon) * k, g.lat[u] - p.lat) * 111_195.08;
				if (d < best) best = d;
			}
			expect(g.inMainComponent[s.node]).toBe(1);
			expect(s.distM).toBeCloseTo(best, 3);
		}
	});

	it('rejects files that are not an OSM PBF with a clear message', () => {
		const text = new TextEncoder().encode('<?xml version="1.0"?><osm></osm>');
		expect(() => parseOsmPbf(text)).toThrow(/^not an OSM PBF: /);
		expect(() => parseOsmPbf(new Uint8Array(0))).toThrow(/^not an OSM PBF: empty/);
		expect(() => parseOsmPbf(new Uint8Array(readFileSync('data/networks/gtfs_ch_zug.zip')))).toThrow(/^not an OSM PBF: /);
		expect(() => parseOsmPbf(bytes.subarray(0, 5000))).toThrow(/^not an OSM PBF: .*past the end/);
	});
});

describe('parseOsmPbf node tags', () => {
	it('reports the traffic signals on highway ways like libosmium', () => {
		const ref = JSON.parse(readFileSync('tests/fixtures/road/monaco_osmium.json', 'utf8')) as { trafficSignalsOnHighways: number[] };
		const signals: number[] = [];
		parseOsmPbf(bytes, { onWayNodeTags: (id, tags) => tags.highway === 'traffic_signals' && signals.push(id) });
		expect(ref.trafficSignalsOnHighways.length).toBeGreaterThan(10);
		expect(signals.sort((a, b) => a - b)).toEqual(ref.trafficSignalsOnHighways);
	});
});

describe('parseOsmPbf encodings', () => {
	// The same small extract written by osmium twice: dense nodes + zlib blobs, and plain nodes + raw blobs.
	const dense = parseOsmPbf(new Uint8Array(readFileSync('tests/fixtures/road/monaco_small_dense_zlib.osm.pbf')));
	const plain = parseOsmPbf(new Uint8Array(readFileSync('tests/fixtures/road/monaco_small_plain_raw.osm.pbf')));
	it('reads plain nodes in raw blobs exactly like dense nodes in zlib blobs', () => {
		expect(dense.length).toBeGreaterThan(50);
		expect(plain.map((w) => ({ ...w, nodeIds: Array.from(w.nodeIds!) }))).toEqual(dense.map((w) => ({ ...w, nodeIds: Array.from(w.nodeIds!) })));
	});
	it('matches the full file for ways inside the extract', () => {
		const full = new Map(parseOsmPbf(bytes).map((w) => [w.id, w]));
		let same = 0;
		for (const w of dense) {
			const f = full.get(w.id)!;
			expect(f.tags).toEqual(w.tags);
			if (f.nodeIds!.length === w.nodeIds!.length) {
				expect(Array.from(f.coords)).toEqual(Array.from(w.coords));
				same++;
			}
		}
		expect(same).toBeGreaterThan(20);
	});
});
