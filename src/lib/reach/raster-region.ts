/**
 * The study region on a raster: the cells covering every zone's polygon (LV95, default 250 m), their WGS84
 * centres, the lake mask and the residents per cell (approximate, or from a STATPOP hectare file). Built once
 * per zones table and population source; isochrones, "residents within x minutes" and the labour-market
 * catchment all read the same cells.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { parseCsvText } from '../util/csv.ts';
import { wgs84ToLv95 } from '../data/coords.ts';
import { approximatePopulation, hectarePopulation, DEFAULT_APPROX, type ApproxOptions, type Hectare, type PopulationRaster, type ZoneShape } from './population.ts';
import { cellCentresWgs84, rasterForBox, rasterise, ringsBox, ringsLv95, type Raster } from './raster.ts';
import type { GridCells } from './grid-times.ts';

export interface RegionInput {
	/** Zones with their population (zones table); `zone_id` = BFS number to find the polygon. */
	zones: Array<{ zone_id: number; lon: number; lat: number; population: number | null }>;
	/** Municipality polygons with property `bfs` (data/municipalities_lu_region_2026.geojson). */
	municipalities: FeatureCollection;
	/** Lake polygons; cells whose centre lies in a lake get no residents and no travel time. */
	lakes: FeatureCollection;
	/** Settlement proxies for the approximate population, WGS84 [lon, lat]. */
	proxies: { stops: Array<[number, number]>; localities: Array<[number, number]> };
	/** Real residents per hectare (STATPOP); replaces the approximation. */
	hectares?: Hectare[];
	/** Label of the hectare source (file name) for the UI and exports. */
	hectareSource?: string;
	cellM?: number;
	/** Cap on the number of cells: a larger region gets coarser cells (multiples of 50 m). */
	maxCells?: number;
	approx?: Partial<ApproxOptions>;
}

export interface Region {
	cells: GridCells;
	population: PopulationRaster;
	/** Text for the UI and exports: where the residents come from. */
	populationNote: string;
	zoneCount: number;
	/** Zones without a polygon (their residents sit in the cell of their point). */
	zonesWithoutPolygon: number[];
}

export const DEFAULT_CELL_M = 250;
export const DEFAULT_MAX_CELLS = 400_000;
/** Margin around the zones' polygons, metres. */
const MARGIN_M = 1000;

/** Build the region raster and population. */
export function buildRegion(input: RegionInput): Region {
	const polys = new Map<number, Geometry>();
	for (const f of input.municipalities.features as Feature[]) {
		const bfs = Number(f.properties?.bfs);
		if (Number.isFinite(bfs) && f.geometry) polys.set(bfs, f.geometry);
	}
	const zones: ZoneShape[] = input.zones
		.filter((z) => Number.isFinite(z.lon) && Number.isFinite(z.lat))
		.map((z) => {
			const { e, n } = wgs84ToLv95(z.lon, z.lat);
			return { zone_id: z.zone_id, population: z.population ?? 0, e, n, rings: ringsLv95(polys.get(z.zone_id)) };
		});
	if (!zones.length) throw new Error('region: no zone with coordinates');

	let e0 = Infinity, n0 = Infinity, e1 = -Infinity, n1 = -Infinity;
	for (const z of zones) {
		const [a, b, c, d] = z.rings.length ? ringsBox(z.rings) : [z.e, z.n, z.e, z.n];
		e0 = Math.min(e0, a - MARGIN_M);
		n0 = Math.min(n0, b - MARGIN_M);
		e1 = Math.max(e1, c + MARGIN_M);
		n1 = Math.max(n1, d + MARGIN_M);
	}
	let cellM = input.cellM ?? DEFAULT_CELL_M;
	const maxCells = input.maxCells ?? DEFAULT_MAX_CELLS;
	while (((e1 - e0) / cellM) * ((n1 - n0) / cellM) > maxCells) cellM += 50;
	const raster: Raster = rasterForBox(e0, n0, e1, n1, cellM);
	const { lon, lat } = cellCentresWgs84(raster);
	const blocked = new Uint8Array(raster.width * raster.height);
	for (const f of input.lakes.features) rasterise(raster, ringsLv95(f.geometry), (k) => (blocked[k] = 1));
	const cells: GridCells = { raster, lon, lat, blocked };

	let population: PopulationRaster;
	let populationNote: string;
	if (input.hectares?.length) {
		population = hectarePopulation(raster, input.hectares, zones);
		populationNote = `statpop-hectare:${input.hectareSource ?? 'file'}`;
	} else {
		const toLv95 = (p: [number, number]): [number, number] => {
			const { e, n } = wgs84ToLv95(p[0], p[1]);
			return [e, n];
		};
		const proxies = { stops: input.proxies.stops.map(toLv95), localities: input.proxies.localities.map(toLv95) };
		population = approximatePopulation(raster, zones, blocked, proxies, { ...DEFAULT_APPROX, ...input.approx });
		populationNote = 'approximate:statpop-municipalities+settlement-proxy';
	}
	return { cells, population, populationNote, zoneCount: zones.length, zonesWithoutPolygon: zones.filter((z) => !z.rings.length).map((z) => z.zone_id) };
}

/**
 * Settlement proxies from the shipped CSVs: DIDOK stops (`lon`, `lat`) and swisstopo postcode localities
 * (`lon`, `lat`). Rows without coordinates are skipped.
 */
export function proxiesFromCsv(stopsCsv: string, localitiesCsv: string): RegionInput['proxies'] {
	const points = (csv: string): Array<[number, number]> => {
		const { header, rows } = parseCsvText(csv);
		const cLon = header.indexOf('lon'), cLat = header.indexOf('lat');
		if (cLon < 0 || cLat < 0) throw new Error(`settlement proxies: columns lon, lat missing (${header.join(', ')})`);
		const out: Array<[number, number]> = [];
		for (const r of rows) {
			const lon = Number(r[cLon]), lat = Number(r[cLat]);
			if (r[cLon] && r[cLat] && Number.isFinite(lon) && Number.isFinite(lat)) out.push([lon, lat]);
		}
		return out;
	};
	return { stops: points(stopsCsv), localities: points(localitiesCsv) };
}

/** A raster over a WGS84 box without zones, lakes or residents (isochrones before a region is prepared). */
export function bareRegion(bbox: [number, number, number, number], cellM: number): Region {
	const a = wgs84ToLv95(bbox[0], bbox[1]), b = wgs84ToLv95(bbox[2], bbox[3]);
	const raster = rasterForBox(Math.min(a.e, b.e), Math.min(a.n, b.n), Math.max(a.e, b.e), Math.max(a.n, b.n), cellM);
	const n = raster.width * raster.height;
	return {
		cells: { raster, ...cellCentresWgs84(raster), blocked: new Uint8Array(n) },
		population: { residents: new Float32Array(n), zone: new Int32Array(n).fill(-1), total: 0, source: 'approximate' },
		populationNote: 'none',
		zoneCount: 0,
		zonesWithoutPolygon: []
	};
}
