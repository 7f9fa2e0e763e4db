/**
 * The reach worker: holds the loaded PT and car networks and the region raster, and computes matrices,
 * isochrones, catchment figures and ÖV-Güteklassen off the main thread, with progress and cancellation
 * (see util/rpc.ts).
 */
import { serve, type Endpoint } from '../util/rpc.ts';
import { loadGtfs, loadRoads } from './networks.ts';
import { computeMatrix, type CarNetwork, type Destination, type MatrixOptions, type Mode, type PtNetwork } from './matrix.ts';
import { cellZoneMinutes } from './cells.ts';
import { bareRegion, buildRegion, proxiesFromCsv, type Region, type RegionInput } from './region.ts';
import { ReachGrid, catchment, siteGuteklassen, stationsOf, CATCHMENT_THRESHOLDS } from './site-reach.ts';
import { guteklassenPolygons, stationPoints } from './guteklassen-map.ts';
import { readStatpopHectares, StatpopError } from '../data/statpop-hectare.ts';
import type { Crs } from './isochrone.ts';

const nets: { pt?: PtNetwork; car?: CarNetwork } = {};

/** The region raster (isochrones, population, catchment) and its travel-time cache for the loaded networks. */
let region: Region | null = null;
let reachGrid: ReachGrid | null = null;
function gridFor(r: Region): ReachGrid {
	if (!reachGrid || reachGrid.region !== r || reachGrid.nets.pt !== nets.pt || reachGrid.nets.car !== nets.car) reachGrid = new ReachGrid(r, { ...nets });
	return reachGrid;
}

let bare: { key: string; region: Region } | null = null;

export interface RegionInfo {
	width: number;
	height: number;
	cellM: number;
	/** LV95 box of the raster. */
	box: [number, number, number, number];
	residents: number;
	source: 'approximate' | 'statpop-hectare';
	note: string;
	zonesWithoutPolygon: number[];
}

export interface StatpopFailure {
	file: string;
	msg: { de: string; en: string };
	issues: Array<{ row: number; column: string; msg: { de: string; en: string } }>;
}

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
	/**
	 * Build the region raster from the zones, polygons, lakes and settlement proxies (CSV texts), or from a STATPOP
	 * hectare CSV. A bad hectare file is returned as `failed` (bilingual, with rows) and the region is unchanged.
	 */
	prepareRegion(p: Omit<RegionInput, 'proxies' | 'hectares'> & { stopsCsv: string; localitiesCsv: string; statpop?: { text: string; name: string } }): { info: RegionInfo } | { failed: StatpopFailure } {
		let hectares: RegionInput['hectares'];
		let hectareSource: string | undefined;
		if (p.statpop) {
			try {
				const g = readStatpopHectares(p.statpop.text, p.statpop.name);
				hectares = g.hectares;
				hectareSource = `${p.statpop.name} (${g.column})`;
			} catch (e) {
				if (e instanceof StatpopError) return { failed: { file: e.file, msg: e.msg, issues: e.issues } };
				throw e;
			}
		}
		region = buildRegion({ ...p, proxies: proxiesFromCsv(p.stopsCsv, p.localitiesCsv), hectares, hectareSource });
		reachGrid = null;
		const r = region.cells.raster;
		return {
			info: {
				width: r.width,
				height: r.height,
				cellM: r.cellM,
				box: [r.x0, r.y0, r.x0 + r.width * r.cellM, r.y0 + r.height * r.cellM],
				residents: region.population.total,
				source: region.population.source,
				note: region.populationNote,
				zonesWithoutPolygon: region.zonesWithoutPolygon
			}
		};
	},
	/** Residents within 15/30/45/60 min per destination and mode on the region raster. */
	catchment(p: { destinations: Destination[]; modes: Mode[]; thresholds?: number[] }, ctx) {
		if (!region) throw new Error('region not prepared');
		return catchment(gridFor(region), p.destinations, p.modes, p.thresholds ?? CATCHMENT_THRESHOLDS, ctx);
	},
	/** Güteklasse per site, class polygons (over the region, else the stations) and the stations, from the loaded GTFS. */
	guteklassen(p: { sites: Destination[]; crs?: Crs }) {
		if (!nets.pt) return null;
		const stations = stationsOf(nets.pt);
		const r = region?.cells.raster;
		return {
			source: nets.pt.source,
			sites: siteGuteklassen(stations, p.sites, nets.pt.source),
			polygons: guteklassenPolygons(stations, { box: r ? [r.x0, r.y0, r.x0 + r.width * r.cellM, r.y0 + r.height * r.cellM] : undefined, crs: p.crs }),
			stations: stationPoints(stations, p.crs)
		};
	},
	/** Residents per cell of the region (for the map), as LV95 raster plus values. */
	populationRaster() {
		if (!region) return null;
		return { raster: region.cells.raster, residents: region.population.residents.slice(), source: region.population.source, note: region.populationNote };
	},
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
	matrix(p: { zones: Array<{ zone_id: number; lon: number; lat: number }>; destinations: Destination[]; options?: Partial<MatrixOptions> }, ctx) {
		return computeMatrix(nets, p.zones, p.destinations, p.options, ctx);
	},
	/**
	 * Isochrones per site and mode on the region raster (250 m, lakes masked); before the region is prepared, on a
	 * bare raster over `bbox` with cells of `cellM`.
	 */
	async isochrones(p: { sites: Destination[]; modes: Mode[]; thresholds: number[]; bbox: [number, number, number, number]; cellM: number; crs?: Crs }, ctx) {
		let r = region;
		if (!r) {
			const key = `${p.bbox.join(',')}|${p.cellM}`;
			if (bare?.key !== key) bare = { key, region: bareRegion(p.bbox, p.cellM) };
			r = bare.region;
		}
		const g = gridFor(r);
		const features = [];
		let done = 0;
		for (const site of p.sites)
			for (const mode of p.modes) {
				features.push(...(await g.isochrones(mode, site, p.thresholds, p.crs ?? 'wgs84', { checkpoint: ctx.checkpoint })).features);
				ctx.progress(++done / (p.sites.length * p.modes.length));
				await ctx.checkpoint();
			}
		return { type: 'FeatureCollection', features };
	},
	/** Zone → cell minutes for the best-location surface ([cell][zone], NaN = unreachable). */
	cellTimes(p: { zones: Array<{ zone_id: number; lon: number; lat: number }>; cells: Array<{ lon: number; lat: number }>; modes: Mode[] }, ctx) {
		return cellZoneMinutes(nets, p.zones, p.cells, p.modes, ctx);
	}
});
