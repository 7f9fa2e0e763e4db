/**
 * Open a road network from whatever the user has: an OSM PBF (streamed and cut to the study region),
 * a network file made earlier (.swnet: opened as it is, no re-import), or GeoJSON road lines. The same
 * function serves the browser worker and the CLI. Every refusal is a RoadError / NetFileError with a
 * German and an English message; nothing is replaced here, so a caller keeps its working network.
 */
import type { ByteSource } from '../util/bytes.ts';
import { isNetFile, type NetProvenance } from './netfile.ts';
import type { StudyRegion } from './region.ts';
import type { CarNetwork } from './matrix.ts';
import { buildRoadGraph, readOsmRoads, roadGraphFromNetFile, roadGraphToNetFile, roadProvenance, roadWaysFromGeoJSON, RoadError } from './road/index.ts';

export type OpenStage = 'read' | 'ways' | 'tags' | 'build' | 'encode';

export interface OpenRoadsOptions {
	/** Study region to cut an OSM PBF to (null: the whole file; fine for small extracts only). */
	region: StudyRegion | null;
	/** Label for travel_times.source. */
	label: string;
	/** Program name for the provenance. */
	createdBy: string;
	onProgress?: (stage: OpenStage, fraction: number) => void;
	signal?: AbortSignal;
	/** Yield to the event loop now and then (a worker receives its cancel message). */
	checkpoint?: () => Promise<void>;
}

export interface OpenedRoads {
	network: CarNetwork;
	provenance: NetProvenance;
	/** The network as network-file bytes, to cache or share. */
	netfile: Uint8Array;
	format: 'pbf' | 'swnet' | 'geojson';
}

/** Which reader a file needs, from its first bytes. */
export function roadFormat(head: Uint8Array): 'pbf' | 'swnet' | 'geojson' {
	if (isNetFile(head)) return 'swnet';
	let i = 0;
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
	while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
	return head[i] === 0x7b /* { */ ? 'geojson' : 'pbf';
}

export async function openRoads(src: ByteSource, o: OpenRoadsOptions): Promise<OpenedRoads> {
	const head = await src.read(0, Math.min(src.size, 64));
	const format = roadFormat(head);
	if (format === 'swnet') {
		const bytes = await src.read(0, src.size);
		const { graph, provenance } = await roadGraphFromNetFile(bytes);
		return { network: { graph, source: o.label }, provenance, netfile: bytes, format };
	}
	if (format === 'geojson') {
		const text = new TextDecoder().decode(await src.read(0, src.size));
		let fc: unknown;
		try {
			fc = JSON.parse(text);
		} catch {
			throw new RoadError('not_pbf', { de: 'Die Datei ist weder OSM-PBF noch gültiges GeoJSON', en: 'The file is neither an OSM PBF nor valid GeoJSON' });
		}
		let ways;
		try {
			ways = roadWaysFromGeoJSON(fc as Parameters<typeof roadWaysFromGeoJSON>[0]);
		} catch (e) {
			throw new RoadError('not_pbf', { de: `Kein Strassennetz im GeoJSON: ${(e as Error).message}`, en: `No road network in the GeoJSON: ${(e as Error).message}` });
		}
		if (!ways.length) throw new RoadError('no_roads', { de: 'Die GeoJSON-Datei enthält keine Strassen', en: 'The GeoJSON file holds no roads' });
		const graph = buildRoadGraph(ways);
		const counts = { blobs: 0, nodes: 0, nodesKept: 0, ways: ways.length, highwayWays: ways.length, waysKept: ways.length, roadWays: ways.length, passes: 1 };
		const { bytes, provenance } = await roadGraphToNetFile(
			graph,
			roadProvenance({ source: { name: src.name, size: src.size }, roads: { counts, header: { requiredFeatures: [], optionalFeatures: [] } }, region: null, graph, createdBy: o.createdBy })
		);
		return { network: { graph, source: o.label }, provenance, netfile: bytes, format };
	}
	const roads = await readOsmRoads(src, { region: o.region, onProgress: o.onProgress, signal: o.signal, checkpoint: o.checkpoint });
	o.onProgress?.('build', 0);
	await o.checkpoint?.();
	const graph = buildRoadGraph(roads.ways);
	o.onProgress?.('encode', 0);
	await o.checkpoint?.();
	const { bytes, provenance } = await roadGraphToNetFile(
		graph,
		roadProvenance({ source: { name: src.name, size: src.size }, roads, region: o.region, graph, createdBy: o.createdBy })
	);
	o.onProgress?.('encode', 1);
	return { network: { graph, source: o.label }, provenance, netfile: bytes, format };
}
