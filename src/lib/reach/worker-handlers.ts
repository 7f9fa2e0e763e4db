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
