/**
 * The block-by-block PBF reader (readOsmRoads): same result as the whole-file read, the region cut,
 * files that break the sort order, progress and cancellation, and the proof that a real extract plus
 * far-away copies, cut to a region around the extract, gives exactly the extract's car times.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { inRegion, regionAround } from '../../src/lib/reach/region.ts';
import { buildRoadGraph, DijkstraWorkspace, parseOsmPbf, reverseDijkstra, type RoadGraph, type RoadWay } from '../../src/lib/reach/road/index.ts';
import { readOsmRoads, readOsmRoadsSync } from '../../src/lib/reach/road/osm-roads.ts';
import { concatChunks, decodeOsm, PbfWriter, writePbf, type OsmData } from '../../bench/pbf-writer.ts';

const monaco = new Uint8Array(readFileSync('data/networks/monaco.osm.pbf'));
const plain = (ws: RoadWay[]) => ws.map((w) => ({ id: w.id, tags: w.tags, coords: Array.from(w.coords), nodeIds: Array.from(w.nodeIds!) }));

/** Points around Monaco whose 10 km buffer holds the whole extract (bbox 7.349–7.491 E, 43.71–43.77 N). */
const aroundMonaco = () => regionAround([{ lon: 7.35, lat: 43.71 }, { lon: 7.49, lat: 43.77 }], 10);

let data: OsmData;
beforeAll(() => {
	data = decodeOsm(monaco);
});

describe('readOsmRoads without a region', () => {
	it('returns exactly what the whole-file read returns (native inflate and fflate)', async () => {
		const whole = plain(parseOsmPbf(monaco));
		for (const inflate of ['native', 'fflate'] as const) {
			const r = await readOsmRoads(bytesSource(monaco), { inflate, keepWay: () => true, readAheadBytes: 100_000 });
			expect(plain(r.ways)).toEqual(whole);
			expect(r.sorted).toBe(true);
			expect(r.counts).toMatchObject({ nodes: 180_118, nodesKept: 180_118, ways: 27_377, passes: 1 });
		}
	});

	it('reads the header: bbox, replication timestamp, writing program', async () => {
		const r = await readOsmRoads(bytesSource(monaco));
		expect(r.header.bbox).toEqual([7.349, 43.71, 7.491, 43.77]);
		expect(r.header.replicationTimestamp).toBe('2016-03-05T00:26:02Z');
		expect(r.header.writingProgram).toBe('osmconvert 0.7T');
		expect(r.header.optionalFeatures).toContain('Sort.Type_then_ID');
	});

	it('keeps car roads by default and builds the same graph as all highway ways', async () => {
		const r = await readOsmRoads(bytesSource(monaco));
		expect(r.ways.length).toBeLessThan(parseOsmPbf(monaco).length);
		const a = buildRoadGraph(r.ways);
		const b = buildRoadGraph(parseOsmPbf(monaco));
		expect(a.nodeCount).toBe(b.nodeCount);
		expect(Array.from(a.fwdWeights)).toEqual(Array.from(b.fwdWeights));
	});

	it('reports the traffic signals of kept ways like the whole-file read', async () => {
		const ref = JSON.parse(readFileSync('tests/fixtures/road/monaco_osmium.json', 'utf8')) as { trafficSignalsOnHighways: number[] };
		const signals: number[] = [];
		const r = await readOsmRoads(bytesSource(monaco), { keepWay: () => true, onWayNodeTags: (id, t) => t.highway === 'traffic_signals' && signals.push(id) });
		expect(signals.sort((a, b) => a - b)).toEqual(ref.trafficSignalsOnHighways);
		expect(r.counts.passes).toBe(1);
	});
});

describe('cut to a study region', () => {
	it('keeps exactly the runs of consecutive in-region nodes of every road', async () => {
		// A region over the western half of Monaco: many roads leave it.
		const region = regionAround([{ lon: 7.40, lat: 43.73 }], 2);
		const r = await readOsmRoads(bytesSource(monaco), { region, keepWay: () => true });
		const expected: RoadWay[] = [];
		for (const w of parseOsmPbf(monaco)) {
			let run: number[] = [];
			const flush = () => {
				if (run.length >= 2) expected.push({ id: w.id, tags: w.tags, coords: run.flatMap((k) => [w.coords[2 * k], w.coords[2 * k + 1]]), nodeIds: run.map((k) => w.nodeIds![k]) });
				run = [];
			};
			for (let k = 0; k < w.nodeIds!.length; k++) {
				if (inRegion(region, w.coords[2 * k], w.coords[2 * k + 1])) run.push(k);
				else flush();
			}
			flush();
		}
		expect(expected.length).toBeGreaterThan(100);
		expect(plain(r.ways)).toEqual(plain(expected));
		expect(r.counts.nodesKept).toBeLessThan(r.counts.nodes);
		expect(r.counts.roadWays).toBe(r.ways.length);
	});

	it('reports tagged nodes only for nodes inside the region', async () => {
		const region = regionAround([{ lon: 7.40, lat: 43.73 }], 2);
		const seen: number[] = [];
		const r = await readOsmRoads(bytesSource(monaco), { region, keepWay: () => true, onWayNodeTags: (id) => seen.push(id) });
		expect(r.ways.length).toBeGreaterThan(0);
		const where = new Map<number, [number, number]>();
		for (const w of parseOsmPbf(monaco)) for (let k = 0; k < w.nodeIds!.length; k++) where.set(w.nodeIds![k], [w.coords[2 * k], w.coords[2 * k + 1]]);
		expect(seen.length).toBeGreaterThan(10);
		for (const id of seen) expect(inRegion(region, ...where.get(id)!)).toBe(true);
		const all: number[] = [];
		await readOsmRoads(bytesSource(monaco), { keepWay: () => true, onWayNodeTags: (id) => all.push(id) });
		expect(all.filter((id) => !inRegion(region, ...where.get(id)!)).length).toBeGreaterThan(10);
		expect(all.filter((id) => inRegion(region, ...where.get(id)!)).sort()).toEqual([...seen].sort());
	});
});

describe('files that break the sort order', () => {
	const write = (f: (w: PbfWriter) => void, opts = {}) => {
		const chunks: Uint8Array[] = [];
		const w = new PbfWriter((b) => chunks.push(b), { blockSize: 4000, ...opts });
		w.header({ bbox: data.bbox });
		f(w);
		return concatChunks(chunks);
	};

	it('reads ways before nodes, and node blocks in reverse, exactly like the sorted file', async () => {
		const sorted = plain(parseOsmPbf(monaco));
		const waysFirst = write((w) => {
			w.ways(data.ways);
			w.nodes(data.nodes);
		});
		const reversed = write((w) => {
			for (let a = Math.floor((data.nodes.count - 1) / 4000) * 4000; a >= 0; a -= 4000) w.nodes(data.nodes, undefined, a, Math.min(data.nodes.count, a + 4000));
			w.ways(data.ways);
		}, { compression: 'none' });
		const interleaved = write((w) => {
			w.nodes(data.nodes, undefined, 0, 90_000);
			w.ways(data.ways);
			w.nodes(data.nodes, undefined, 90_000);
		});
		for (const bytes of [waysFirst, reversed, interleaved]) {
			const signals: number[] = [];
			const r = await readOsmRoads(bytesSource(bytes), { keepWay: () => true, onWayNodeTags: (id, t) => t.highway === 'traffic_signals' && signals.push(id) });
			expect(r.sorted).toBe(false);
			expect(r.counts.passes).toBe(2);
			expect(plain(r.ways)).toEqual(sorted);
			expect(signals.length).toBe(21);
		}
	});
});

describe('coordinate coding', () => {
	it('reads other granularities and offsets to the same coordinates', async () => {
		const sorted = plain(parseOsmPbf(monaco));
		for (const coding of [
			{ granularity: 1, latOffset: 0, lonOffset: 0 }, // nanodegrees: the float path of the node store
			{ granularity: 100, latOffset: 43e9, lonOffset: 7e9 } // offsets of whole degrees
		]) {
			const chunks: Uint8Array[] = [];
			const w = new PbfWriter((b) => chunks.push(b));
			w.header({});
			w.nodes(data.nodes, undefined, 0, data.nodes.count, coding);
			w.ways(data.ways);
			const r = await readOsmRoads(bytesSource(concatChunks(chunks)), { keepWay: () => true, region: aroundMonaco() });
			expect(plain(r.ways)).toEqual(sorted);
		}
	});

	it('passes errors of the caller\'s callbacks on unchanged', async () => {
		const boom = new Error('boom');
		await expect(readOsmRoads(bytesSource(monaco), { keepWay: () => { throw boom; } })).rejects.toBe(boom);
		await expect(readOsmRoads(bytesSource(monaco), { onWayNodeTags: () => { throw boom; } })).rejects.toBe(boom);
	});
});

describe('progress and cancellation', () => {
	it('reports rising fractions up to 1 and calls the checkpoint', async () => {
		const seen: number[] = [];
		let checkpoints = 0;
		await readOsmRoads(bytesSource(monaco), {
			onProgress: (stage, f) => stage === 'read' && seen.push(f),
			checkpoint: async () => void checkpoints++
		});
		expect(seen.length).toBeGreaterThanOrEqual(4); // one per block (Monaco: 4 large blocks)
		for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
		expect(seen.at(-1)).toBe(1);
		expect(checkpoints).toBeGreaterThanOrEqual(1);
	});

	it('stops between blocks when the signal is aborted', async () => {
		const ac = new AbortController();
		let after = 0;
		const p = readOsmRoads(bytesSource(monaco), {
			signal: ac.signal,
			onProgress: (_s, f) => {
				if (f > 0.2) {
					ac.abort();
					after++;
				}
			}
		});
		await expect(p).rejects.toThrow(/abort/i);
		expect(after).toBe(1);
	});

	it('stops when the checkpoint throws (a worker cancel)', async () => {
		let n = 0;
		const p = readOsmRoads(bytesSource(monaco), {
			checkpoint: async () => {
				if (++n >= 1) throw new Error('cancelled');
			}
		});
		await expect(p).rejects.toThrow('cancelled');
		expect(n).toBe(1);
	});
});

describe('proof: a real extract plus far-away copies, cut to a region around the extract', () => {
	let combined: Uint8Array;
	beforeAll(() => {
		// Monaco itself (original ids) and two copies far away (new ids): one 2° east, one 1.5° north.
		combined = writePbf(data, [
			{ idOffset: 0, dLon7: 0, dLat7: 0 },
			{ idOffset: 2 ** 33, dLon7: 2e7, dLat7: 0 },
			{ idOffset: 2 ** 34, dLon7: 0, dLat7: 1.5e7 }
		]);
	});

	it('gives the identical graph and exactly the car times of the extract alone (pgRouting pairs)', async () => {
		expect(combined.length).toBeGreaterThan(3 * monaco.length * 0.9);
		const cut = await readOsmRoads(bytesSource(combined), { region: aroundMonaco() });
		expect(cut.counts.nodes).toBe(3 * 180_118);
		expect(cut.counts.nodesKept).toBe(180_118);
		const alone = buildRoadGraph(parseOsmPbf(monaco));
		const g = buildRoadGraph(cut.ways);
		const same = (a: RoadGraph, b: RoadGraph) => {
			expect(a.nodeCount).toBe(b.nodeCount);
			expect(a.edgeCount).toBe(b.edgeCount);
			for (const k of ['lon', 'lat', 'osmId', 'fwdOffsets', 'fwdTargets', 'fwdWeights', 'revOffsets', 'revSources', 'revWeights', 'inMainComponent'] as const)
				expect(Buffer.from((a[k] as Uint8Array).buffer).equals(Buffer.from((b[k] as Uint8Array).buffer)), k).toBe(true);
		};
		same(g, alone);
		// The 500 pgRouting pairs (tests/fixtures/road/pgrouting_monaco.csv) on the cut graph.
		const rows = readFileSync('tests/fixtures/road/pgrouting_monaco.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
		const index = new Map<number, number>();
		for (let u = 0; u < g.nodeCount; u++) index.set(g.osmId[u], u);
		const ws = new DijkstraWorkspace(g.nodeCount);
		let target = NaN;
		let dist: Float64Array = new Float64Array(0);
		for (const [s, t, sec] of rows) {
			if (Number(t) !== target) dist = reverseDijkstra(g, index.get((target = Number(t)))!, ws);
			const ours = dist[index.get(Number(s))!];
			if (sec === '') expect(ours).toBe(Infinity);
			else expect(Math.abs(ours - Number(sec))).toBeLessThanOrEqual(1e-3);
		}
	});

	it('reads every copy without a region, and the synchronous reader agrees', async () => {
		const all = await readOsmRoads(bytesSource(combined), { keepWay: () => true });
		const sync = readOsmRoadsSync(combined);
		expect(all.ways.length).toBe(3 * parseOsmPbf(monaco).length);
		expect(plain(sync.ways)).toEqual(plain(all.ways));
	});
});
