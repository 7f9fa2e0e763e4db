/** A cut road graph through the network file and back: identical arrays and car times, provenance kept. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { regionAround, regionKey } from '../../src/lib/reach/region.ts';
import { encodeNetFile, NetFileError } from '../../src/lib/reach/netfile.ts';
import { buildRoadGraph, carMinutesToTarget, routeCar, snapPoints, type RoadGraph } from '../../src/lib/reach/road/index.ts';
import { readOsmRoads } from '../../src/lib/reach/road/osm-roads.ts';
import { roadGraphFromNetFile, roadGraphToNetFile, roadProvenance } from '../../src/lib/reach/road/road-netfile.ts';
import { createRng } from '../../src/lib/data/prng.ts';

const monaco = new Uint8Array(readFileSync('data/networks/monaco.osm.pbf'));
const region = regionAround([{ lon: 7.42, lat: 43.735 }], 8);

async function cut() {
	const roads = await readOsmRoads(bytesSource(monaco, 'monaco.osm.pbf'), { region });
	const graph = buildRoadGraph(roads.ways);
	const provenance = roadProvenance({ source: { name: 'monaco.osm.pbf', size: monaco.length }, roads, region, graph, createdBy: 'test', createdAt: '2026-11-30T00:00:00Z' });
	return { roads, graph, provenance };
}

const ARRAYS = ['lon', 'lat', 'osmId', 'fwdOffsets', 'fwdTargets', 'fwdWeights', 'fwdLengths', 'revOffsets', 'revSources', 'revWeights', 'inMainComponent'] as const;

describe('road graph network file', () => {
	it('round-trips every array and gives identical car times', async () => {
		const { graph, provenance } = await cut();
		const { bytes, provenance: p } = await roadGraphToNetFile(graph, provenance);
		const back = await roadGraphFromNetFile(bytes);
		const g: RoadGraph = back.graph;
		expect(back.provenance).toEqual(p);
		expect(g.nodeCount).toBe(graph.nodeCount);
		expect(g.edgeCount).toBe(graph.edgeCount);
		expect(g.mainComponentSize).toBe(graph.mainComponentSize);
		for (const k of ARRAYS) expect(Array.from(g[k] as ArrayLike<number>), k).toEqual(Array.from(graph[k] as ArrayLike<number>));
		expect({ ...g.grid, cellStart: 0, cellNodes: 0 }).toEqual({ ...graph.grid, cellStart: 0, cellNodes: 0 });
		expect(Array.from(g.grid.cellNodes)).toEqual(Array.from(graph.grid.cellNodes));

		const rng = createRng(11);
		const origins = Array.from({ length: 400 }, () => ({ lon: rng.uniform(7.40, 7.45), lat: rng.uniform(43.72, 43.75) }));
		for (let s = 0; s < 10; s++) {
			const site = { lon: rng.uniform(7.41, 7.44), lat: rng.uniform(43.725, 43.745) };
			const a = carMinutesToTarget(graph, snapPoints(graph, origins), site);
			const b = carMinutesToTarget(g, snapPoints(g, origins), site);
			expect(Array.from(b)).toEqual(Array.from(a));
			expect(routeCar(g, origins[s], site)).toEqual(routeCar(graph, origins[s], site));
		}
	});

	it('carries the provenance: file, OSM data state, region, counts', async () => {
		const { graph, provenance, roads } = await cut();
		const { provenance: p } = await roadGraphToNetFile(graph, provenance);
		expect(p).toMatchObject({
			kind: 'car',
			sourceName: 'monaco.osm.pbf',
			sourceBytes: monaco.length,
			osmTimestamp: '2016-03-05T00:26:02Z',
			region: { key: regionKey(region), bufferKm: 8, bbox: region.bbox, points: 1 },
			createdAt: '2026-11-30T00:00:00Z',
			createdBy: 'test'
		});
		expect(p.counts).toMatchObject({ ...roads.counts, graphNodes: graph.nodeCount, graphEdges: graph.edgeCount });
		expect(p.checksum).toMatch(/^[0-9a-f]{64}$/);
	});

	it('refuses damaged, foreign and inconsistent files', async () => {
		const { graph, provenance } = await cut();
		const { bytes } = await roadGraphToNetFile(graph, provenance);
		const bad = bytes.slice();
		bad[bad.length - 100] ^= 1;
		await expect(roadGraphFromNetFile(bad)).rejects.toThrow(/checksum/);
		await expect(roadGraphFromNetFile(bytes.subarray(0, 1000))).rejects.toBeInstanceOf(NetFileError);
		const pt = await encodeNetFile({ arrays: { a: new Int32Array(1) }, strings: {} }, { ...provenance, kind: 'pt' });
		await expect(roadGraphFromNetFile(pt.bytes)).rejects.toThrow(/road network was expected/);
		const other = await encodeNetFile({ arrays: {}, strings: {}, extra: { format: 'something/9' } }, provenance);
		await expect(roadGraphFromNetFile(other.bytes)).rejects.toThrow(/format something\/9/);
		// A well-formed file (valid checksum) whose edges point outside the graph.
		const broken = { ...graph, fwdTargets: graph.fwdTargets.map((t, i) => (i === 5 ? graph.nodeCount + 3 : t)) };
		const enc = await roadGraphToNetFile(broken, provenance);
		const e = await roadGraphFromNetFile(enc.bytes).catch((x) => x);
		expect(e).toBeInstanceOf(NetFileError);
		expect(e.msg.en).toBe('Not a valid road network file: inconsistent edge lists');
		expect(e.msg.de).toBe('Keine gültige Strassennetz-Datei: Kantenliste inkonsistent');
	});
});
