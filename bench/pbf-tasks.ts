/**
 * The PBF benchmark tasks, shared by the Node benchmark (bench/pbf-cut.ts) and the browser worker
 * (bench/pbf-browser-worker.ts), so both measure the same code on the same input.
 */
import type { ByteSource } from '../src/lib/util/bytes.ts';
import { regionAround, regionAreaKm2, type StudyRegion } from '../src/lib/reach/region.ts';
import { buildRoadGraph } from '../src/lib/reach/road/build.ts';
import { readOsmRoads } from '../src/lib/reach/road/osm-roads.ts';
import { decodeBlob, decodeBlobHeader, headerLength, inflateNative, inflateSync } from '../src/lib/reach/road/pbf-blob.ts';
import { roadGraphToNetFile, roadProvenance } from '../src/lib/reach/road/road-netfile.ts';

export type RegionName = 'lucerne-like' | 'monaco' | 'none';

/**
 * The benchmark regions on the grid of bench/pbf-generate.ts. "lucerne-like": 16 points over a
 * 32 × 30 km box at the grid's centre with the default 25 km buffer, ~82 × 80 km in all, like the
 * canton of Lucerne with its buffer against Switzerland (about a sixth of the file's area).
 */
export function benchRegion(name: RegionName): StudyRegion | null {
	if (name === 'none') return null;
	if (name === 'monaco') return regionAround([{ lon: 7.35, lat: 43.71 }, { lon: 7.49, lat: 43.77 }], 10);
	const pts = [];
	for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) pts.push({ lon: 8.42 + (i * 0.4) / 3, lat: 44.2 + (j * 0.27) / 3 });
	return regionAround(pts, 25);
}

export interface CutFigures {
	region: RegionName;
	regionKm2: number;
	inflate: string;
	readMs: number;
	buildMs: number;
	encodeMs: number;
	counts: Record<string, number>;
	nodeStoreMB: number;
	graphNodes: number;
	graphEdges: number;
	netFileMB: number;
	progressCalls: number;
}

/** Read + cut, build the graph, encode the network file; timings of each step. */
export async function cutTask(src: ByteSource, region: RegionName, inflate: 'native' | 'fflate', hooks: { onProgress?: (f: number) => void; checkpoint?: () => Promise<void>; mark?: (phase: 'read' | 'build' | 'encode') => void } = {}): Promise<CutFigures> {
	const r = benchRegion(region);
	let progressCalls = 0;
	const t0 = performance.now();
	const roads = await readOsmRoads(src, {
		region: r,
		inflate,
		onProgress: (_s, f) => {
			progressCalls++;
			hooks.onProgress?.(f);
		},
		checkpoint: hooks.checkpoint
	});
	const t1 = performance.now();
	hooks.mark?.('read');
	const graph = buildRoadGraph(roads.ways);
	const t2 = performance.now();
	hooks.mark?.('build');
	const prov = roadProvenance({ source: { name: src.name, size: src.size }, roads, region: r, graph, createdBy: 'bench' });
	const { bytes } = await roadGraphToNetFile(graph, prov);
	const t3 = performance.now();
	hooks.mark?.('encode');
	return {
		region,
		regionKm2: r ? regionAreaKm2(r) : 0,
		inflate,
		readMs: t1 - t0,
		buildMs: t2 - t1,
		encodeMs: t3 - t2,
		counts: { ...roads.counts },
		nodeStoreMB: roads.nodeBytes / 1e6,
		graphNodes: graph.nodeCount,
		graphEdges: graph.edgeCount,
		netFileMB: bytes.length / 1e6,
		progressCalls
	};
}

/** Inflate every zlib block of the file (nothing decoded): raw speed of one inflater. */
export async function inflateTask(src: ByteSource, engine: 'native' | 'fflate', maxBytes = Infinity): Promise<{ engine: string; blobs: number; compressedMB: number; rawMB: number; ms: number }> {
	let blobs = 0;
	let comp = 0;
	let raw = 0;
	let ms = 0;
	const end = Math.min(src.size, maxBytes);
	for (let pos = 0; pos < end; ) {
		const len = headerLength(await src.read(pos, pos + 4), pos);
		const f = decodeBlobHeader(await src.read(pos + 4, pos + 4 + len), pos);
		pos = f.end;
		const p = decodeBlob(await src.read(f.start, f.end), f.pos);
		if (!('zlib' in p)) continue;
		const t0 = performance.now();
		const out = engine === 'native' ? await inflateNative(p.zlib, p.rawSize, f.pos) : inflateSync(p.zlib, p.rawSize, f.pos);
		ms += performance.now() - t0;
		blobs++;
		comp += p.zlib.length;
		raw += out.length;
	}
	return { engine, blobs, compressedMB: comp / 1e6, rawMB: raw / 1e6, ms };
}

export function formatCut(f: CutFigures): string {
	const c = f.counts;
	return (
		`region ${f.region}${f.regionKm2 ? ` (${f.regionKm2.toLocaleString('en')} km²)` : ''}, inflate ${f.inflate}: ` +
		`read+cut ${(f.readMs / 1000).toFixed(1)} s, build graph ${(f.buildMs / 1000).toFixed(1)} s, network file ${(f.encodeMs / 1000).toFixed(1)} s | ` +
		`nodes ${(c.nodes / 1e6).toFixed(1)} M read, ${(c.nodesKept / 1e6).toFixed(2)} M kept (${f.nodeStoreMB.toFixed(0)} MB), ` +
		`ways ${(c.ways / 1e6).toFixed(2)} M, ${c.waysKept.toLocaleString('en')} kept → graph ${f.graphNodes.toLocaleString('en')} nodes, ${f.graphEdges.toLocaleString('en')} edges, .swnet ${f.netFileMB.toFixed(1)} MB`
	);
}
