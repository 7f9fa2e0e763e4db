/**
 * The reach worker's API: it holds the loaded PT and car networks and computes matrices, isochrones
 * and zone → cell times off the main thread, with progress and cancellation (util/rpc.ts). Kept apart
 * from the worker entry (worker.ts) so Node tests can serve it on a MessageChannel; the page holds a
 * typed `Remote<ReachHandlers>`.
 */
import type { FeatureCollection } from 'geojson';
import type { HandlerContext } from '../util/rpc.ts';
import { computeMatrixColumns, mergeTravelTimes, travelTimeBuffers, type OriginCell, type CarNetwork, type Destination, type MatrixOptions, type Mode, type PtNetwork, type TravelTimeColumns } from './matrix.ts';
import type { Crs } from './isochrone.ts';
import { bareRegion, buildRegion, proxiesFromCsv, type Region, type RegionInput } from './raster-region.ts';
import { ReachGrid, catchment, siteGuteklassen, stationsOf, CATCHMENT_THRESHOLDS, type CatchmentFigure, type SiteGuteklasse } from './site-reach.ts';
import { guteklassenPolygons, stationPoints } from './guteklassen-map.ts';
import { readStatpopHectares, StatpopError } from '../data/statpop-hectare.ts';
import { cellZoneMinutes, type CellTimes } from './cells.ts';
import { TerminalModel, type TerminalZone } from './road/index.ts';
import { openRoads, type OpenStage } from './open-roads.ts';
import { openTransit } from './open-transit.ts';
import type { NetProvenance } from './netfile.ts';
import type { StudyRegion } from './region.ts';
import type { GtfsWarning } from './gtfs/errors.ts';
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
	/** What the reader tolerated in the feed (grouped by kind, with a few examples), to be shown beside it. */
	warnings?: GtfsWarning[];
}

export interface MatrixCall {
	/** Origin zones (population and area give the car terminal minutes). */
	zones: TerminalZone[];
	/** The 100 m cells where people live (optional). */
	cells?: OriginCell[];
	destinations: Destination[];
	options?: Partial<MatrixOptions>;
	/** Rows for the zones' own points (default); false for a part of a split matrix (app/travel-times.ts matrixInParts). */
	zoneRows?: boolean;
}

export interface IsochroneCall {
	sites: Destination[];
	modes: Mode[];
	thresholds: number[];
	/** Raster before the region is prepared (after that, the region's 250 m cells). */
	bbox: [number, number, number, number];
	cellM: number;
	crs?: Crs;
}

/** The region raster as the page sees it. */
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

/** A STATPOP hectare file that could not be used (the region stays as it was). */
export interface StatpopFailure {
	file: string;
	msg: { de: string; en: string };
	issues: Array<{ row: number; column: string; msg: { de: string; en: string } }>;
}

export type RegionCall = Omit<RegionInput, 'proxies' | 'hectares' | 'zones'> & {
	/** Zones with population and area (the area also gives the car terminal minutes of the cells). */
	zones: Array<TerminalZone & { population: number | null }>;
	stopsCsv: string;
	localitiesCsv: string;
	statpop?: { text: string; name: string };
};

export interface GuteklassenResult {
	source: string;
	sites: SiteGuteklasse[];
	polygons: FeatureCollection;
	stations: FeatureCollection;
}

export interface CellTimesCall {
	zones: TerminalZone[];
	cells: Array<{ lon: number; lat: number }>;
	modes: Mode[];
}

/** What the app shows about a PT network (its label is the one written to travel_times.source). */
export function ptInfo(n: PtNetwork, date: string, warnings: GtfsWarning[]): LoadedNetwork {
	return { mode: 'pt', label: n.source, date, stops: n.timetable.stopCount, connections: n.timetable.connCount, warnings };
}

/** What the app shows about a car network. */
export function carInfo(n: CarNetwork): LoadedNetwork {
	return { mode: 'car', label: n.source, nodes: n.graph.nodeCount };
}

/** A worker's networks as plain data (typed arrays, a Map): what structured cloning carries to another worker. */
export interface WorkerNetworks {
	stamp: number;
	pt: PtNetwork | null;
	car: CarNetwork | null;
}

/** A network opened from a user's file (or a cached network file). */
export interface OpenedNetwork {
	info: LoadedNetwork;
	provenance: NetProvenance;
	/** The network as a network file, transferred to the caller to cache or download (null: not asked for). */
	netfile: Uint8Array | null;
}

export interface OpenCall {
	/** A File (read slice by slice in the worker) or bytes (a cached network file). */
	file: BlobLike | Uint8Array;
	/** Send the network file back (to cache it); false when it came from the cache. */
	wantFile?: boolean;
	name: string;
	region: StudyRegion | null;
	/** travel_times.source label; for PT `{date}` stands for the service day. */
	label: string;
	/** PT: service day YYYY-MM-DD (default: the feed's representative Tuesday). */
	date?: string;
}

const sourceOf = (p: OpenCall) => (p.file instanceof Uint8Array ? bytesSource(p.file, p.name) : { ...blobSource(p.file), name: p.name });

/** The handler object (one set of networks per worker). */
export function reachHandlers() {
	const nets: { pt?: PtNetwork; car?: CarNetwork } = {};
	/** Changes whenever a network is replaced: a second worker that took a copy (adoptNetworks) knows when it is out of date. */
	let stamp = 0;
	const use = (n: { pt: PtNetwork } | { car: CarNetwork }) => {
		Object.assign(nets, n);
		stamp++;
	};
	/** The region raster (isochrones, population, catchment) and its travel-time cache for the loaded networks. */
	let region: Region | null = null;
	let terminal: TerminalModel | undefined;
	let reachGrid: ReachGrid | null = null;
	let bare: { key: string; region: Region } | null = null;
	const gridFor = (r: Region): ReachGrid => {
		if (!reachGrid || reachGrid.region !== r || reachGrid.nets.pt !== nets.pt || reachGrid.nets.car !== nets.car) reachGrid = new ReachGrid(r, { ...nets }, terminal);
		return reachGrid;
	};
	return {
		/**
		 * Build the region raster from the zones, polygons, lakes and settlement proxies (CSV texts), or from a
		 * STATPOP hectare CSV. A bad hectare file is returned as `failed` (bilingual, with rows); the region stays.
		 */
		prepareRegion(p: RegionCall): { info: RegionInfo } | { failed: StatpopFailure } {
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
			terminal = new TerminalModel(p.zones);
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
		catchment(p: { destinations: Destination[]; modes: Mode[]; thresholds?: number[] }, ctx: HandlerContext): Promise<CatchmentFigure[]> {
			if (!region) throw new Error('region not prepared');
			return catchment(gridFor(region), p.destinations, p.modes, p.thresholds ?? CATCHMENT_THRESHOLDS, ctx);
		},
		/** Güteklasse per site, class polygons (over the region, else the stations) and the stations, from the loaded GTFS. */
		guteklassen(p: { sites: Destination[]; crs?: Crs }): GuteklassenResult | null {
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
		populationRaster(): { raster: Region['cells']['raster']; residents: Float32Array; source: 'approximate' | 'statpop-hectare'; note: string } | null {
			if (!region) return null;
			return { raster: region.cells.raster, residents: region.population.residents.slice(), source: region.population.source, note: region.populationNote };
		},
		/**
		 * Open a road network (OSM PBF cut to the region, network file, GeoJSON). It replaces the working
		 * car network only when it opened; a refusal (RoadError with {de, en}) leaves it as it was.
		 */
		async openRoads(p: OpenCall, ctx: HandlerContext): Promise<OpenedNetwork> {
			const src = sourceOf(p);
			const STAGES: OpenStage[] = ['read', 'ways', 'tags', 'build', 'encode'];
			const opened = await openRoads(src, {
				region: p.region,
				label: p.label,
				createdBy: 'Standortwahl (browser)',
				signal: ctx.signal,
				checkpoint: () => ctx.checkpoint(),
				onProgress: (stage, f) => ctx.progress((STAGES.indexOf(stage) + Math.min(1, f)) / STAGES.length, stage)
			});
			use({ car: opened.network });
			const netfile = p.wantFile === false ? null : opened.netfile;
			if (netfile) ctx.transfer(netfile.buffer as ArrayBuffer);
			return { info: carInfo(opened.network), provenance: opened.provenance, netfile };
		},
		/**
		 * Open a PT network (GTFS zip streamed and cut to the day and the region, or a network file). It replaces
		 * the working PT network only when it opened; a refusal (GtfsError/ZipError with {de, en}) leaves it.
		 */
		async openTransit(p: OpenCall, ctx: HandlerContext): Promise<OpenedNetwork> {
			const STAGES = ['calendar', 'routes', 'trips', 'stops', 'stop_times', 'stop_times_again', 'frequencies', 'transfers', 'pack', 'encode'];
			const opened = await openTransit(sourceOf(p), {
				date: p.date,
				region: p.region,
				label: (date) => p.label.replace('{date}', date),
				createdBy: 'Standortwahl (browser)',
				signal: ctx.signal,
				onProgress: (stage, f) => ctx.progress((STAGES.indexOf(stage) + Math.min(1, f)) / STAGES.length, stage)
			});
			use({ pt: opened.network });
			const netfile = p.wantFile === false ? null : opened.netfile;
			if (netfile) ctx.transfer(netfile.buffer as ArrayBuffer);
			return {
				info: ptInfo(opened.network, opened.date, opened.warnings),
				provenance: opened.provenance,
				netfile
			};
		},
		/** Which networks this worker holds (see `stamp`). */
		networksStamp(): number {
			return stamp;
		},
		/** The working networks as plain data (copied to the caller) and their stamp, for a second worker (adoptNetworks). */
		networks(): WorkerNetworks {
			return { stamp, pt: nets.pt ?? null, car: nets.car ?? null };
		},
		/** Work with another worker's networks (its `networks()`): a second worker that takes half of large matrices. */
		adoptNetworks(p: WorkerNetworks): void {
			nets.pt = p.pt ?? undefined;
			nets.car = p.car ?? undefined;
			stamp = p.stamp;
		},
		/** mergeTravelTimes here rather than on the page: millions of rows are copied off the page's main thread. */
		mergeMatrix(p: { parts: TravelTimeColumns[]; destinations: { id: string }[] }, ctx: HandlerContext): TravelTimeColumns {
			const out = mergeTravelTimes(p.parts, p.destinations);
			ctx.transfer(...travelTimeBuffers(out));
			return out;
		},
		/** The matrix as columns, their buffers moved to the page (no copy, no row objects). */
		async matrix(p: MatrixCall, ctx: HandlerContext): Promise<TravelTimeColumns> {
			const out = await computeMatrixColumns(nets, p.zones, p.destinations, p.options, ctx, p.cells ?? [], p.zoneRows ?? true);
			ctx.transfer(...travelTimeBuffers(out));
			return out;
		},
		/**
		 * Isochrones per site and mode on the region raster (250 m, lakes masked); before the region is prepared,
		 * on a bare raster over `bbox` with cells of `cellM`.
		 */
		async isochrones(p: IsochroneCall, ctx: HandlerContext): Promise<FeatureCollection> {
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
		cellTimes(p: CellTimesCall, ctx: HandlerContext): Promise<CellTimes> {
			return cellZoneMinutes(nets, p.zones, p.cells, p.modes, ctx);
		}
	};
}

export type ReachHandlers = ReturnType<typeof reachHandlers>;
