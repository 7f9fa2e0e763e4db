/**
 * Per-destination figures on the region raster: minutes from every cell by PT and car (cached), isochrone
 * shapes, residents within 15/30/45/60 min, and the ÖV-Güteklasse at each site. Shared by the reach worker
 * and the CLI, so both produce the same rows (model/reach.ts stores them).
 */
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { CarNetwork, Destination, Mode, PtNetwork, Steps } from './matrix.ts';
import { CarGrid, PtGrid } from './grid-times.ts';
import { rasterIsochrones, type Crs, type IsochroneProps } from './isochrone.ts';
import { residentsWithin } from './population.ts';
import type { Region } from './raster-region.ts';
import type { TerminalModel } from './road/index.ts';
import { CATEGORY_NAMES, gkStations, guteklasseAt, type GkStation, type GuteklassenOptions } from './guteklassen.ts';

export const CATCHMENT_THRESHOLDS = [15, 30, 45, 60];

/** Times on the region raster for the loaded networks; prepares each mode on first use. */
export class ReachGrid {
	private ptGrid: PtGrid | null = null;
	private carGrid: CarGrid | null = null;
	private readonly cache = new Map<string, Float32Array>();
	constructor(
		readonly region: Region,
		readonly nets: { pt?: PtNetwork; car?: CarNetwork },
		/** Car terminal minutes (as in the matrix); none = driving time only. */
		private readonly terminal?: TerminalModel
	) {}

	has(mode: Mode): boolean {
		return mode === 'pt' ? !!this.nets.pt : !!this.nets.car;
	}

	/** Minutes from every cell to the destination (Infinity = unreachable); null if the mode is not loaded. */
	async minutes(mode: Mode, d: Destination, steps: Steps = {}): Promise<Float32Array | null> {
		const key = `${mode}|${d.id}|${d.lon}|${d.lat}`;
		const hit = this.cache.get(key);
		if (hit) return hit;
		let m: Float32Array | null = null;
		if (mode === 'pt' && this.nets.pt) {
			this.ptGrid ??= new PtGrid(this.nets.pt.timetable, this.region.cells);
			m = await this.ptGrid.minutes(d, steps);
		} else if (mode === 'car' && this.nets.car) {
			this.carGrid ??= new CarGrid(this.nets.car.graph, this.region.cells, this.terminal);
			m = this.carGrid.minutes(d);
		}
		if (m) this.cache.set(key, m);
		return m;
	}

	/** Isochrone polygons (reachable within each threshold) for one destination and mode. */
	async isochrones(mode: Mode, d: Destination, thresholds: number[], crs: Crs = 'wgs84', steps: Steps = {}): Promise<FeatureCollection<MultiPolygon, IsochroneProps & { cell_m: number; network: string }>> {
		const m = await this.minutes(mode, d, steps);
		if (!m) return { type: 'FeatureCollection', features: [] };
		const fc = rasterIsochrones(this.region.cells.raster, m, thresholds, { site_id: d.id, mode }, crs);
		const network = (mode === 'pt' ? this.nets.pt?.source : this.nets.car?.source) ?? '';
		return { type: 'FeatureCollection', features: fc.features.map((f) => ({ ...f, properties: { ...f.properties, cell_m: this.region.cells.raster.cellM, network } })) };
	}
}

export interface CatchmentFigure {
	destination_id: string;
	mode: Mode;
	minutes: number;
	residents: number;
	population_source: string;
	network_source: string;
}

/** Residents within each threshold per destination and loaded mode, with progress and cancellation. */
export async function catchment(grid: ReachGrid, destinations: Destination[], modes: Mode[], thresholds = CATCHMENT_THRESHOLDS, steps: Steps = {}): Promise<CatchmentFigure[]> {
	const use = modes.filter((m) => grid.has(m));
	const out: CatchmentFigure[] = [];
	const jobs = destinations.length * use.length;
	let done = 0;
	for (const d of destinations)
		for (const mode of use) {
			const m = (await grid.minutes(mode, d, { checkpoint: steps.checkpoint }))!;
			const within = residentsWithin(grid.region.population.residents, m, thresholds);
			const network = (mode === 'pt' ? grid.nets.pt?.source : grid.nets.car?.source) ?? '';
			thresholds.forEach((t, i) =>
				out.push({ destination_id: d.id, mode, minutes: t, residents: within[i], population_source: grid.region.populationNote, network_source: network })
			);
			steps.progress?.(++done / jobs, d.id);
			await steps.checkpoint?.();
		}
	return out;
}

export interface SiteGuteklasse {
	site_id: string;
	klasse: string | null;
	points: number;
	station: string | null;
	/** Stop category, Roman numeral I … V. */
	category: string | null;
	distance_m: number | null;
	source: string;
}

/** Güteklasse at each site from the stations of a timetable. */
export function siteGuteklassen(stations: GkStation[], sites: Destination[], source: string): SiteGuteklasse[] {
	return sites.map((s) => {
		const k = guteklasseAt(stations, s.lon, s.lat);
		return { site_id: s.id, klasse: k.klasse, points: k.points, station: k.station, category: k.category === null ? null : CATEGORY_NAMES[k.category - 1], distance_m: k.distanceM, source };
	});
}

/** Stations of the loaded PT network (cached per timetable object). */
const stationCache = new WeakMap<object, { key: string; stations: GkStation[] }>();
export function stationsOf(pt: PtNetwork, options: Partial<GuteklassenOptions> = {}): GkStation[] {
	const key = JSON.stringify(options);
	const hit = stationCache.get(pt.timetable);
	if (hit?.key === key) return hit.stations;
	const stations = gkStations(pt.timetable, options);
	stationCache.set(pt.timetable, { key, stations });
	return stations;
}
