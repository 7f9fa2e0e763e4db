/**
 * Geocoding from the reference tables shipped in data/, as pure functions over their text or
 * parsed JSON (the browser passes fetched text, Node passes file contents: see geocode-node.ts).
 *
 *  - PLZ -> locality point (swisstopo Amtliches Ortschaftenverzeichnis, 2022);
 *  - BFS municipality number -> municipality centroid (2026 boundaries);
 *  - lon/lat -> BFS zone by point-in-polygon on the 2026 municipality polygons;
 *  - lon/lat -> in Switzerland or not, by the national outline (not a box: Konstanz is not Swiss).
 * Old BFS numbers of merged municipalities are mapped to today's (BFS_MERGERS). Unknown numbers
 * give `null`; the importer turns that into an issue naming row and column. Street addresses are
 * placed by the building address directory the user loads (address/: read, cut, match); these
 * references are the fallback when an address is not found.
 */
import { parseCsvRecords } from '../util/csv.ts';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AddressIndex } from './address/match.ts';
import { PolygonGrid } from './polygon-grid.ts';

/**
 * Municipality mergers since the reference vintages (the 2022 locality register, files from before 2026):
 * old BFS number -> today's. Each is the 2026 municipality whose polygon holds the old one's locality
 * points (tests/unit/geocode.test.ts checks every number of the register that is no 2026 municipality).
 * Moutier (700) left the canton of Bern, and the region, for the Jura in 2026: not mapped.
 */
export const BFS_MERGERS: Readonly<Record<number, number>> = {
	1057: 1065, // Honau -> Root (LU, 2025)
	536: 546, // Diemerswil -> Münchenbuchsee (BE, 2025)
	947: 767, // Zwieselberg -> Reutigen (BE, 2025)
	993: 992, // Wangenried -> Wangen an der Aare (BE, 2025)
	4042: 4021, // Turgi -> Baden (AG, 2024)
	4122: 4095, // Villnachern -> Brugg (AG, 2025)
	4133: 4139, // Burg (AG) -> Menziken (AG, 2023)
	4166: 4186, // Herznach -> Herznach-Ueken (AG, 2023)
	4179: 4186 // Ueken -> Herznach-Ueken (AG, 2023)
};

/** Today's BFS number for a possibly old one. */
export function currentBfs(bfs: number): number {
	return BFS_MERGERS[bfs] ?? bfs;
}

export interface Place {
	lon: number;
	lat: number;
	/** Today's BFS municipality number. */
	zone_id: number;
	name: string;
}

export interface PlzIndex {
	/** PLZ -> main locality (see parsePlzCsv for the rule). */
	byPlz: Map<number, Place>;
	/** PLZ -> today's BFS numbers of every municipality its localities reach into (the register has a row per part). */
	municipalities: Map<number, number[]>;
}

export interface MunicipalityIndex {
	byBfs: Map<number, Place & { canton: string }>;
}

export interface ZoneIndex {
	zones: { bfs: number; bbox: [number, number, number, number]; feature: Feature<Polygon | MultiPolygon> }[];
	/** Grid over the polygons, built on first use (see zoneAt). */
	grid?: PolygonGrid;
}

/** The national outline (data/switzerland_2026.geojson), for "is this point in Switzerland?". */
export interface CountryIndex {
	grid: PolygonGrid;
}

/** Grid cells: ~150–220 m for municipalities, ~400–550 m for the national outline (build < 0.1 s, most points one lookup). */
const ZONE_CELL_DEG = 0.002;
const COUNTRY_CELL_DEG = 0.005;

const parseCsv = (text: string) => parseCsvRecords(text);

/**
 * Parse plz_ortschaften_*.csv (columns ortschaft, plz, zusatzziffer, gemeinde, bfs, lon, lat).
 * A PLZ can cover several localities; we take the one with the lowest `zusatzziffer` (0 = the
 * main locality when it exists, e.g. 6038 -> Gisikon, not Honau 6038/2). Its BFS number is mapped
 * to today's municipality.
 */
export function parsePlzCsv(text: string): PlzIndex {
	const best = new Map<number, { z: number; place: Place }>();
	const municipalities = new Map<number, number[]>();
	for (const r of parseCsv(text)) {
		const plz = Number(r.plz);
		const z = Number(r.zusatzziffer);
		const lon = Number(r.lon);
		const lat = Number(r.lat);
		// 9999 is the register's pseudo-postcode for lakes, not an address.
		if (!Number.isInteger(plz) || plz === 9999 || !Number.isFinite(lon) || !Number.isFinite(lat)) continue;
		const bfs = currentBfs(Number(r.bfs));
		const parts = municipalities.get(plz);
		if (!parts) municipalities.set(plz, [bfs]);
		else if (!parts.includes(bfs)) parts.push(bfs);
		const prev = best.get(plz);
		if (prev && prev.z <= z) continue;
		best.set(plz, { z, place: { lon, lat, zone_id: bfs, name: r.ortschaft } });
	}
	return { byPlz: new Map([...best].map(([k, v]) => [k, v.place])), municipalities };
}

/**
 * Metres from lon/lat to the nearest municipality a postcode's localities reach into (0 inside one), or
 * null when the postcode is unknown or none of its municipalities has a polygon in the index (an older or
 * outside one). A point kilometres away from all of them does not belong to that postcode. `at`: the
 * municipality the point lies in, when the caller has looked it up already.
 */
export function distanceToPostcodeM(plz: PlzIndex, zones: ZoneIndex, code: number, lon: number, lat: number, at: number | null = zoneAt(zones, lon, lat)): number | null {
	const parts = plz.municipalities.get(code);
	if (!parts) return null;
	if (at !== null && parts.includes(at)) return 0;
	let best: number | null = null;
	for (const bfs of parts) {
		const d = distanceToZoneM(zones, bfs, lon, lat);
		if (d !== null && (best === null || d < best)) best = d;
	}
	return best;
}

/** Parse municipalities_*_centroids.csv (bfs, name, canton, centroid_lon, centroid_lat). */
export function parseCentroidsCsv(text: string): MunicipalityIndex {
	const byBfs = new Map<number, Place & { canton: string }>();
	for (const r of parseCsv(text)) {
		const bfs = Number(r.bfs);
		const lon = Number(r.centroid_lon);
		const lat = Number(r.centroid_lat);
		if (!Number.isInteger(bfs) || !Number.isFinite(lon) || !Number.isFinite(lat)) continue;
		byBfs.set(bfs, { lon, lat, zone_id: bfs, name: r.name, canton: r.canton });
	}
	return { byBfs };
}

function bboxOf(coords: unknown, box: [number, number, number, number]): void {
	if (Array.isArray(coords) && typeof coords[0] === 'number') {
		const [x, y] = coords as number[];
		if (x < box[0]) box[0] = x;
		if (y < box[1]) box[1] = y;
		if (x > box[2]) box[2] = x;
		if (y > box[3]) box[3] = y;
	} else if (Array.isArray(coords)) for (const c of coords) bboxOf(c, box);
}

/** Build the point-in-polygon index from the municipality GeoJSON (property `bfs`). */
export function buildZoneIndex(geojson: FeatureCollection | string): ZoneIndex {
	const fc: FeatureCollection = typeof geojson === 'string' ? JSON.parse(geojson) : geojson;
	const zones: ZoneIndex['zones'] = [];
	for (const f of fc.features) {
		const g = f.geometry;
		if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
		const bfs = Number(f.properties?.bfs ?? f.id);
		if (!Number.isInteger(bfs)) continue;
		const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
		bboxOf(g.coordinates, bbox);
		zones.push({ bfs, bbox, feature: f as Feature<Polygon | MultiPolygon> });
	}
	return { zones };
}

/** Main locality of a postcode, or null if the PLZ is not in the register. */
export function geocodePlz(idx: PlzIndex, plz: number): Place | null {
	return idx.byPlz.get(plz) ?? null;
}

/** Centroid of a municipality by (possibly old) BFS number, or null if unknown. */
export function municipalityCentroid(idx: MunicipalityIndex, bfs: number): (Place & { mergedFrom?: number }) | null {
	const now = currentBfs(bfs);
	const m = idx.byBfs.get(now);
	if (!m) return null;
	return now === bfs ? { ...m } : { ...m, mergedFrom: bfs };
}

/**
 * BFS number of the municipality polygon containing lon/lat, or null (outside all polygons, e.g. on a
 * lake). The first polygon in file order wins on a shared border.
 */
export function zoneAt(idx: ZoneIndex, lon: number, lat: number): number | null {
	const k = zoneGrid(idx).find(lon, lat);
	return k < 0 ? null : idx.zones[k].bfs;
}

/** Points this close to a municipality and in none (a lake shore the generalised boundaries leave out) belong to the nearest. */
export const NEAR_ZONE_M = 300;

/**
 * BFS number of the municipality containing lon/lat, or else of the nearest one within NEAR_ZONE_M (a
 * point on the shore, where the generalised boundaries leave a strip of lake); `near` says which. Null
 * beyond that (out on a lake, or outside the region's municipalities).
 */
export function zoneAtOrNear(idx: ZoneIndex, lon: number, lat: number): { bfs: number; near: boolean } | null {
	const grid = zoneGrid(idx);
	const k = grid.find(lon, lat);
	if (k >= 0) return { bfs: idx.zones[k].bfs, near: false };
	const n = Number.isFinite(lon) && Number.isFinite(lat) ? grid.nearest(lon, lat, NEAR_ZONE_M) : -1;
	return n < 0 ? null : { bfs: idx.zones[n].bfs, near: true };
}

/**
 * Metres from lon/lat to the polygon of municipality `bfs` (0 inside), or null when the index has no such
 * polygon. Local equirectangular metres: exact to well under 1 % over the few kilometres it is used for.
 */
export function distanceToZoneM(idx: ZoneIndex, bfs: number, lon: number, lat: number): number | null {
	const z = idx.zones.find((x) => x.bfs === bfs);
	if (!z) return null;
	const g = z.feature.geometry;
	const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	if (zoneGrid(idx).find(lon, lat) === idx.zones.indexOf(z)) return 0;
	const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
	const ky = 110_574;
	let best = Infinity;
	for (const polygon of polygons)
		for (const ring of polygon)
			for (let i = 1; i < ring.length; i++) {
				// Segment a–b relative to the point, in metres; the nearest point on it.
				const ax = (ring[i - 1][0] - lon) * kx;
				const ay = (ring[i - 1][1] - lat) * ky;
				const dx = (ring[i][0] - lon) * kx - ax;
				const dy = (ring[i][1] - lat) * ky - ay;
				const len2 = dx * dx + dy * dy;
				const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
				best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
			}
	return best;
}

/** The zones' grid, built on first use (~0.1 s: a worker that will locate rows builds it ahead). */
export function zoneGrid(idx: ZoneIndex): PolygonGrid {
	return (idx.grid ??= new PolygonGrid(
		idx.zones.map((z) => z.feature),
		ZONE_CELL_DEG
	));
}

/** Build the national outline index from data/switzerland_2026.geojson (text or parsed). */
export function buildCountryIndex(geojson: FeatureCollection | string): CountryIndex {
	const fc: FeatureCollection = typeof geojson === 'string' ? JSON.parse(geojson) : geojson;
	const polys = fc.features.filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon') as Feature<Polygon | MultiPolygon>[];
	return { grid: new PolygonGrid(polys, COUNTRY_CELL_DEG) };
}

/** Whether lon/lat lies in Switzerland (on the border counts as in). */
export function inSwitzerland(idx: CountryIndex, lon: number, lat: number): boolean {
	return idx.grid.find(lon, lat) >= 0;
}

/** The reference data the importer's location step can use; every part is optional. */
export interface GeoRefs {
	plz?: PlzIndex;
	municipalities?: MunicipalityIndex;
	zones?: ZoneIndex;
	/** The national outline; without it the importer falls back to the WGS84 box around Switzerland. */
	country?: CountryIndex;
	/** The building address directory (address/), when the user loaded one: addresses → entrances. */
	addresses?: AddressIndex;
}

/** Build all references from the raw file contents (browser: fetched text; Node: fs). */
export function buildGeoRefs(src: { plzCsv?: string; centroidsCsv?: string; municipalitiesGeojson?: string | FeatureCollection; countryGeojson?: string | FeatureCollection }): GeoRefs {
	return {
		plz: src.plzCsv !== undefined ? parsePlzCsv(src.plzCsv) : undefined,
		municipalities: src.centroidsCsv !== undefined ? parseCentroidsCsv(src.centroidsCsv) : undefined,
		zones: src.municipalitiesGeojson !== undefined ? buildZoneIndex(src.municipalitiesGeojson) : undefined,
		country: src.countryGeojson !== undefined ? buildCountryIndex(src.countryGeojson) : undefined
	};
}

/** Paths of the reference files inside data/ (relative), for loaders in Node and the browser. */
export const GEO_REF_FILES = {
	plzCsv: 'plz_ortschaften_lu_region_2022.csv',
	centroidsCsv: 'municipalities_lu_region_2026_centroids.csv',
	municipalitiesGeojson: 'municipalities_lu_region_2026.geojson',
	countryGeojson: 'switzerland_2026.geojson'
} as const;
