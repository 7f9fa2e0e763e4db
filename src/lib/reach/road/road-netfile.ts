/**
 * A cut road graph as a network file (../netfile.ts): every array of the graph as it is searched, so
 * reopening needs no PBF, no rebuild and gives bit-identical car times (the reverse CSR and the snap
 * grid are stored too, not rebuilt, because their edge order decides ties; only an old file's 100 m grid over
 * a sparse network is sized again, where a snap to one of two equidistant nodes may then change). Provenance
 * says which OSM file, which data state and which study region the graph was cut from.
 */
import { buildSnapGrid } from './snap.ts';
import { decodeNetFile, encodeNetFile, NetFileError, type NetProvenance } from '../netfile.ts';
import { regionKey, type StudyRegion } from '../region.ts';
import type { OsmRoads } from './osm-roads.ts';
import type { RoadGraph } from './types.ts';

const FORMAT = 'road-graph/1';

/** Provenance for a graph cut from an OSM PBF by `readOsmRoads` (checksum is filled on encoding). */
export function roadProvenance(p: {
	source: { name?: string; size: number };
	roads: Pick<OsmRoads, 'counts' | 'header'>;
	region: StudyRegion | null;
	graph: RoadGraph;
	createdBy: string;
	createdAt?: string;
	notes?: string[];
}): Omit<NetProvenance, 'checksum'> {
	return {
		kind: 'car',
		sourceName: p.source.name ?? 'roads.osm.pbf',
		sourceBytes: p.source.size,
		osmTimestamp: p.roads.header.replicationTimestamp,
		region: p.region ? { key: regionKey(p.region), bufferKm: p.region.bufferKm, bbox: p.region.bbox, points: p.region.points } : null,
		counts: {
			...p.roads.counts,
			graphNodes: p.graph.nodeCount,
			graphEdges: p.graph.edgeCount,
			mainComponentNodes: p.graph.mainComponentSize
		},
		createdAt: p.createdAt ?? new Date().toISOString(),
		createdBy: p.createdBy,
		...(p.notes ? { notes: p.notes } : {})
	};
}

/** Encode a road graph with its provenance into network-file bytes. */
export async function roadGraphToNetFile(graph: RoadGraph, provenance: Omit<NetProvenance, 'checksum'>): Promise<{ bytes: Uint8Array; provenance: NetProvenance }> {
	const { grid } = graph;
	return encodeNetFile(
		{
			arrays: {
				lon: graph.lon,
				lat: graph.lat,
				osmId: graph.osmId,
				fwdOffsets: graph.fwdOffsets,
				fwdTargets: graph.fwdTargets,
				fwdWeights: graph.fwdWeights,
				fwdLengths: graph.fwdLengths,
				revOffsets: graph.revOffsets,
				revSources: graph.revSources,
				revWeights: graph.revWeights,
				inMainComponent: graph.inMainComponent,
				gridCellStart: grid.cellStart,
				gridCellNodes: grid.cellNodes
			},
			strings: {},
			extra: {
				format: FORMAT,
				nodeCount: graph.nodeCount,
				edgeCount: graph.edgeCount,
				mainComponentSize: graph.mainComponentSize,
				grid: { west: grid.west, south: grid.south, dx: grid.dx, dy: grid.dy, width: grid.width, height: grid.height }
			}
		},
		{ ...provenance, kind: 'car' }
	);
}

const bad = (de: string, en: string) => new NetFileError({ de: `Keine gültige Strassennetz-Datei: ${de}`, en: `Not a valid road network file: ${en}` });

/**
 * Decode and check a road network file (checksum by decodeNetFile, then shape: array lengths, offsets
 * rising to the edge count, node indexes in range) so a damaged or hand-made file cannot crash a search.
 */
export async function roadGraphFromNetFile(bytes: Uint8Array): Promise<{ graph: RoadGraph; provenance: NetProvenance }> {
	const f = await decodeNetFile(bytes, 'car');
	const x = f.extra as { format?: string; nodeCount: number; edgeCount: number; mainComponentSize: number; grid: { west: number; south: number; dx: number; dy: number; width: number; height: number } };
	if (x?.format !== FORMAT) throw bad(`Format ${String(x?.format)}`, `format ${String(x?.format)}`);
	const a = f.arrays;
	const want: Array<[string, new (n: number) => unknown]> = [
		['lon', Float64Array], ['lat', Float64Array], ['osmId', Float64Array],
		['fwdOffsets', Int32Array], ['fwdTargets', Int32Array], ['fwdWeights', Float32Array], ['fwdLengths', Float32Array],
		['revOffsets', Int32Array], ['revSources', Int32Array], ['revWeights', Float32Array],
		['inMainComponent', Uint8Array], ['gridCellStart', Int32Array], ['gridCellNodes', Int32Array]
	];
	for (const [name, C] of want) if (!(a[name] instanceof C)) throw bad(`Feld ${name} fehlt`, `array ${name} missing`);
	const n = x.nodeCount;
	const m = x.edgeCount;
	const len = (k: string) => a[k].length;
	const shapes: Array<[string, number]> = [
		['lon', n], ['lat', n], ['osmId', n], ['inMainComponent', n], ['fwdOffsets', n + 1], ['revOffsets', n + 1],
		['fwdTargets', m], ['fwdWeights', m], ['fwdLengths', m], ['revSources', m], ['revWeights', m],
		['gridCellStart', x.grid.width * x.grid.height + 1]
	];
	for (const [k, l] of shapes) if (len(k) !== l) throw bad(`Länge von ${k}`, `length of ${k}`);
	const csr = (off: Int32Array, idx: Int32Array, count: number) => {
		if (off[0] !== 0 || off[off.length - 1] !== idx.length) return false;
		for (let i = 1; i < off.length; i++) if (off[i] < off[i - 1]) return false;
		for (let i = 0; i < idx.length; i++) if (!(idx[i] >= 0 && idx[i] < count)) return false;
		return true;
	};
	if (!csr(a.fwdOffsets as Int32Array, a.fwdTargets as Int32Array, n) || !csr(a.revOffsets as Int32Array, a.revSources as Int32Array, n) || !csr(a.gridCellStart as Int32Array, a.gridCellNodes as Int32Array, n))
		throw bad('Kantenliste inkonsistent', 'inconsistent edge lists');
	const graph: RoadGraph = {
		nodeCount: n,
		edgeCount: m,
		lon: a.lon as Float64Array,
		lat: a.lat as Float64Array,
		osmId: a.osmId as Float64Array,
		fwdOffsets: a.fwdOffsets as Int32Array,
		fwdTargets: a.fwdTargets as Int32Array,
		fwdWeights: a.fwdWeights as Float32Array,
		fwdLengths: a.fwdLengths as Float32Array,
		revOffsets: a.revOffsets as Int32Array,
		revSources: a.revSources as Int32Array,
		revWeights: a.revWeights as Float32Array,
		inMainComponent: a.inMainComponent as Uint8Array,
		mainComponentSize: x.mainComponentSize,
		grid: { ...x.grid, cellStart: a.gridCellStart as Int32Array, cellNodes: a.gridCellNodes as Int32Array }
	};
	// A file written before the snap grid was sized by node density (snap.ts) may carry 100 m buckets over a
	// sparse network, thousands of empty ones per snap: sized again (a file written since has about one node per bucket).
	if (x.grid.width * x.grid.height > 4 * Math.max(1, x.mainComponentSize)) graph.grid = buildSnapGrid(graph.lon, graph.lat, graph.inMainComponent);
	return { graph, provenance: f.provenance };
}
