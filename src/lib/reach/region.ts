/**
 * The study region: the area whose networks matter for the scenario's travel times, as a buffer around
 * its points (zone settlement points, staff homes, offices, candidate sites). National inputs (the Swiss
 * GTFS, an OSM extract of Switzerland, the address directory) are cut to it while they are read, so
 * memory and time follow the region, not the file.
 *
 * Representation: a bounding box and a raster mask of ~1 km cells, marked where a cell lies within the
 * buffer of some point (conservatively: a cell counts when any part of it may be within the buffer).
 * Testing a coordinate is O(1); the whole region is plain numbers and a Uint8Array, so it can be posted
 * to a worker, stored with a cached network and compared by its key.
 *
 * Why 25 km by default: a fastest journey between two points of the study area may pass through hubs
 * outside it (e.g. Zofingen or Olten for the north-west of Lucerne, Zug or Arth-Goldau for the east).
 * Leaving the buffer and coming back costs at least 2 × 25 km of detour, about 30–40 min even by
 * InterRegio, longer than any realistic gain, so cutting there does not change travel times between
 * study points. Choose more for a sparse rural region, less for a city.
 */
import { haversineM } from './road/geo.ts';

export const DEFAULT_REGION_BUFFER_KM = 25;
/** Mask cell size, km. */
const CELL_KM = 1;
const KM_PER_DEG_LAT = 111.32;

export interface StudyRegion {
	bufferKm: number;
	/** [west, south, east, north] in WGS84 degrees, buffer included. */
	bbox: [number, number, number, number];
	cols: number;
	rows: number;
	/** Cell size in degrees. */
	dLon: number;
	dLat: number;
	/** 1 = cell may lie within the buffer of some point; row-major, row 0 at the south. */
	mask: Uint8Array;
	/** Number of points the region was built from. */
	points: number;
}

/**
 * The region within `bufferKm` of any of `points` (WGS84). Points without finite coordinates are
 * ignored; throws when none is left.
 */
export function regionAround(points: Iterable<{ lon: number; lat: number }>, bufferKm = DEFAULT_REGION_BUFFER_KM): StudyRegion {
	const pts: Array<[number, number]> = [];
	for (const p of points) if (Number.isFinite(p.lon) && Number.isFinite(p.lat)) pts.push([p.lon, p.lat]);
	if (pts.length === 0) throw new Error('study region: no points with coordinates');
	if (!(bufferKm >= 0)) throw new Error(`study region: bad buffer ${bufferKm}`);
	let s = Infinity, n = -Infinity, w = Infinity, e = -Infinity;
	for (const [lo, la] of pts) {
		if (la < s) s = la;
		if (la > n) n = la;
		if (lo < w) w = lo;
		if (lo > e) e = lo;
	}
	const dLat = CELL_KM / KM_PER_DEG_LAT;
	// Longitude degrees shrink towards the poles: size cells (and the buffer) at the region's widest latitude.
	const cosMax = Math.cos((Math.min(89, Math.max(Math.abs(s), Math.abs(n)) - 0) * Math.PI) / 180);
	const cosMin = Math.cos((Math.min(89, Math.min(Math.abs(s), Math.abs(n))) * Math.PI) / 180);
	const dLon = CELL_KM / (KM_PER_DEG_LAT * cosMin);
	const bufLat = bufferKm / KM_PER_DEG_LAT;
	const bufLon = bufferKm / (KM_PER_DEG_LAT * Math.max(0.05, cosMax));
	const bbox: [number, number, number, number] = [w - bufLon, s - bufLat, e + bufLon, n + bufLat];
	const cols = Math.max(1, Math.ceil((bbox[2] - bbox[0]) / dLon));
	const rows = Math.max(1, Math.ceil((bbox[3] - bbox[1]) / dLat));
	const mask = new Uint8Array(cols * rows);
	// A cell is in when its centre lies within buffer + half its diagonal of a point.
	const reachM = bufferKm * 1000 + (CELL_KM * 1000 * Math.SQRT2) / 2 + 1;
	for (const [lo, la] of pts) {
		const c0 = Math.max(0, Math.floor((lo - bufLon - bbox[0]) / dLon) - 1);
		const c1 = Math.min(cols - 1, Math.floor((lo + bufLon - bbox[0]) / dLon) + 1);
		const r0 = Math.max(0, Math.floor((la - bufLat - bbox[1]) / dLat) - 1);
		const r1 = Math.min(rows - 1, Math.floor((la + bufLat - bbox[1]) / dLat) + 1);
		for (let r = r0; r <= r1; r++) {
			const cy = bbox[1] + (r + 0.5) * dLat;
			for (let c = c0; c <= c1; c++) {
				const k = r * cols + c;
				if (mask[k]) continue;
				if (haversineM(lo, la, bbox[0] + (c + 0.5) * dLon, cy) <= reachM) mask[k] = 1;
			}
		}
	}
	return { bufferKm, bbox, cols, rows, dLon, dLat, mask, points: pts.length };
}

/** Whether a coordinate lies in the region (its mask cell is set). */
export function inRegion(r: StudyRegion, lon: number, lat: number): boolean {
	const c = Math.floor((lon - r.bbox[0]) / r.dLon);
	const row = Math.floor((lat - r.bbox[1]) / r.dLat);
	if (c < 0 || row < 0 || c >= r.cols || row >= r.rows) return false;
	return r.mask[row * r.cols + c] === 1;
}

/** Area of the region in km² (number of mask cells), for messages and provenance. */
export function regionAreaKm2(r: StudyRegion): number {
	let n = 0;
	for (let k = 0; k < r.mask.length; k++) n += r.mask[k];
	return n * CELL_KM * CELL_KM;
}

/**
 * A short stable key of the region (FNV-1a over buffer, box and mask), so a cached cut network can be
 * matched to the region it was cut for.
 */
export function regionKey(r: StudyRegion): string {
	let h = 0x811c9dc5;
	const mix = (x: number) => {
		h ^= x & 0xff;
		h = Math.imul(h, 0x01000193);
	};
	for (const v of [r.bufferKm, ...r.bbox.map((x) => Math.round(x * 1e5)), r.cols, r.rows]) for (let i = 0; i < 4; i++) mix(Math.floor(v / 256 ** i));
	for (let k = 0; k < r.mask.length; k++) mix(r.mask[k] ? k : 0);
	return (h >>> 0).toString(16).padStart(8, '0');
}

/** Short human description: "25 km um 112 Punkte, 6 410 km²". */
export function describeRegion(r: StudyRegion): { de: string; en: string } {
	const a = regionAreaKm2(r).toLocaleString('de-CH');
	return {
		de: `${r.bufferKm} km um ${r.points} Punkte (${a} km²)`,
		en: `${r.bufferKm} km around ${r.points} points (${a} km²)`
	};
}
