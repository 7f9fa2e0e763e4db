/**
 * The reach worker's API: it holds the loaded PT and car networks and computes matrices, isochrones
 * and zone → cell times off the main thread, with progress and cancellation (util/rpc.ts). Kept apart
 * from the worker entry (worker.ts) so Node tests can serve it on a MessageChannel; the page holds a
 * typed `Remote<ReachHandlers>`.
 */
import type { FeatureCollection } from 'geojson';
import type { HandlerContext } from '../util/rpc.ts';
import { loadGtfs, loadRoads } from './networks.ts';
import { computeMatrix, minutesFromPoints, type CarNetwork, type Destination, type MatrixOptions, type Mode, type PtNetwork, type TravelTimeRow } from './matrix.ts';
import { gridPoints, makeGrid } from './grid.ts';
import { isochrones } from './isochrone.ts';
import { cellZoneMinutes, type CellTimes } from './cells.ts';
import { TerminalModel, type TerminalZone } from './road/index.ts';
import { openRoads, type OpenStage } from './open-roads.ts';
import type { NetProvenance } from './netfile.ts';
import type { StudyRegion } from './region.ts';
import { blobSource, bytesSource, type BlobLike } from '../util/bytes.ts';

/** What the worker reports about a network it loaded. */
export interface LoadedNetwork {
	mode: Mode;
	/** The label written to travel_times.source for this network's rows. */
	label: string;
	date?: string;
	stops?: number;
	connections?: number;
	nodes?: number;
	warnings?: number;
}

export interface MatrixCall {
	/** Origin zones (population and area give the car terminal minutes). */
	zones: TerminalZone[];
	destinations: Destination[];
	options?: Partial<MatrixOptions>;
}

export interface IsochroneCall {
	sites: Destination[];
	/** Zones for the car terminal minutes of the grid points (none: driving time only). */
	zones?: TerminalZone[];
	modes: Mode[];
	thresholds: number[];
	bbox: [number, number, number, number];
	cellM: number;
}

export interface CellTimesCall {
	zones: TerminalZone[];
	cells: Array<{ lon: number; lat: number }>;
	modes: Mode[];
}

/** A network opened from a user's file (or a cached network file). */
export interface OpenedNetwork {
	info: LoadedNetwork;
	provenance: NetProvenance | null;
	/** The cut network as a network file, transferred to the caller to cache or download (null: opened from one). */
	netfile: Uint8Array | null;
}

export interface OpenCall {
	/** A File (read slice by slice in the worker) or bytes (a cached network file). */
	file: BlobLike | Uint8Array;
	name: string;
	region: StudyRegion | null;
	label: string;
}

/** The handler object (one set of networks per worker). */
export function reachHandlers() {
	const nets: { pt?: PtNetwork; car?: CarNetwork } = {};
	return {
		loadGtfs(p: { zip: Uint8Array; label: string; date?: string }): LoadedNetwork {
			const n = loadGtfs(p.zip, p.label, p.date);
			nets.pt = n;
			return { mode: 'pt', label: p.label, date: n.date, stops: n.timetable.stopCount, connections: n.timetable.connCount, warnings: n.warnings };
		},
		loadRoads(p: { pbf?: Uint8Array; geojson?: string; label: string }): LoadedNetwork {
			const n = loadRoads(p.pbf ? { pbf: p.pbf } : { geojson: p.geojson ?? '' }, p.label);
			nets.car = n;
			return { mode: 'car', label: p.label, nodes: n.graph.nodeCount };
		},
		/**
		 * Open a road network (OSM PBF cut to the region, network file, GeoJSON). It replaces the working
		 * car network only when it opened; a refusal (RoadError with {de, en}) leaves it as it was.
		 */
		async openRoads(p: OpenCall, ctx: HandlerContext): Promise<OpenedNetwork> {
			const src = p.file instanceof Uint8Array ? bytesSource(p.file, p.name) : { ...blobSource(p.file), name: p.name };
			const STAGES: OpenStage[] = ['read', 'ways', 'tags', 'build', 'encode'];
			const opened = await openRoads(src, {
				region: p.region,
				label: p.label,
				createdBy: 'Standortwahl (browser)',
				signal: ctx.signal,
				checkpoint: () => ctx.checkpoint(),
				onProgress: (stage, f) => ctx.progress((STAGES.indexOf(stage) + Math.min(1, f)) / STAGES.length, stage)
			});
			nets.car = opened.network;
			if (opened.netfile) ctx.transfer(opened.netfile.buffer as ArrayBuffer);
			const g = opened.network.graph;
			return { info: { mode: 'car', label: p.label, nodes: g.nodeCount }, provenance: opened.provenance, netfile: opened.netfile };
		},
		matrix(p: MatrixCall, ctx: HandlerContext): Promise<TravelTimeRow[]> {
			return computeMatrix(nets, p.zones, p.destinations, p.options, ctx);
		},
		async isochrones(p: IsochroneCall, ctx: HandlerContext): Promise<FeatureCollection> {
			const grid = makeGrid(p.bbox, p.cellM);
			const pts = gridPoints(grid);
			const terminal = p.zones?.length ? new TerminalModel(p.zones) : undefined;
			const features = [];
			let done = 0;
			for (const site of p.sites)
				for (const mode of p.modes) {
					features.push(...isochrones(grid, minutesFromPoints(nets, mode, pts, site, undefined, terminal), p.thresholds, { site_id: site.id, mode }).features);
					ctx.progress(++done / (p.sites.length * p.modes.length));
					await ctx.checkpoint();
				}
			return { type: 'FeatureCollection', features };
		},
		/** Zone → cell minutes for the best-location surface ([cell][zone], NaN = unreachable). */
		cellTimes(p: CellTimesCall, ctx: HandlerContext): Promise<CellTimes> {
			return cellZoneMinutes(nets, p.zones, p.cells, p.modes, ctx);
		}
	};
}

export type ReachHandlers = ReturnType<typeof reachHandlers>;
