/**
 * The reach worker: holds the loaded PT and car networks and computes matrices and isochrones off the
 * main thread, with progress and cancellation (see util/rpc.ts).
 */
import { serve, type Endpoint } from '../util/rpc.ts';
import { loadGtfs, loadRoads } from './networks.ts';
import { computeMatrix, minutesFromPoints, type CarNetwork, type Destination, type MatrixOptions, type Mode, type PtNetwork } from './matrix.ts';
import { gridPoints, makeGrid } from './grid.ts';
import { isochrones } from './isochrone.ts';
import { cellZoneMinutes } from './cells.ts';
import type { TerminalZone } from './road/index.ts';

const nets: { pt?: PtNetwork; car?: CarNetwork } = {};

export interface NetworkInfo {
	mode: Mode;
	source: string;
	date?: string;
	stops?: number;
	connections?: number;
	nodes?: number;
	warnings?: number;
}

serve(self as unknown as Endpoint, {
	loadGtfs(p: { zip: Uint8Array; source: string; date?: string }): NetworkInfo {
		const n = loadGtfs(p.zip, p.source, p.date);
		nets.pt = n;
		return { mode: 'pt', source: p.source, date: n.date, stops: n.timetable.stopCount, connections: n.timetable.connCount, warnings: n.warnings };
	},
	loadRoads(p: { pbf?: Uint8Array; geojson?: string; source: string }): NetworkInfo {
		const n = loadRoads(p.pbf ? { pbf: p.pbf } : { geojson: p.geojson! }, p.source);
		nets.car = n;
		return { mode: 'car', source: p.source, nodes: n.graph.nodeCount };
	},
	matrix(p: { zones: TerminalZone[]; destinations: Destination[]; options?: Partial<MatrixOptions> }, ctx) {
		return computeMatrix(nets, p.zones, p.destinations, p.options, ctx);
	},
	async isochrones(p: { sites: Destination[]; modes: Mode[]; thresholds: number[]; bbox: [number, number, number, number]; cellM: number }, ctx) {
		const grid = makeGrid(p.bbox, p.cellM);
		const pts = gridPoints(grid);
		const features = [];
		let done = 0;
		for (const site of p.sites)
			for (const mode of p.modes) {
				features.push(...isochrones(grid, minutesFromPoints(nets, mode, pts, site), p.thresholds, { site_id: site.id, mode }).features);
				ctx.progress(++done / (p.sites.length * p.modes.length));
				await ctx.checkpoint();
			}
		return { type: 'FeatureCollection', features };
	},
	/** Zone → cell minutes for the best-location surface ([cell][zone], NaN = unreachable). */
	cellTimes(p: { zones: TerminalZone[]; cells: Array<{ lon: number; lat: number }>; modes: Mode[] }, ctx) {
		return cellZoneMinutes(nets, p.zones, p.cells, p.modes, ctx);
	}
});
