/**
 * ÖV-Güteklassen as map layers (method in guteklassen.ts): per class the union of the stations' circles, drawn from
 * signed distance fields on a 100 m LV95 raster contoured at 0 (d3-contour), each vertex then moved onto the exact
 * circle it traces and arcs filled in every 5°, so the polygons are the exact buffers (within 0.5 % of a circle's
 * area); bands are disjoint (A, B without A, C without B, …). And the stations as points.
 */
import { contours } from 'd3-contour';
import type { Feature, FeatureCollection, MultiPolygon, Point, Position } from 'geojson';
import { lv95ToWgs84, wgs84ToLv95 } from '../data/coords.ts';
import type { Crs } from '../data/geojson-crs.ts';
import { rasterForBox, type Raster } from './raster.ts';
import { CATEGORY_NAMES, DISTANCE_BANDS_M, KLASSEN, classRadius, klassePoints, type GkStation, type Klasse } from './guteklassen.ts';

export interface GkPolygonOptions {
	/** LV95 box [eMin, nMin, eMax, nMax] to draw; default: the stations with a category plus 1 km. */
	box?: [number, number, number, number];
	/** Raster cell, metres. Default 100. */
	cellM?: number;
	/** Largest raster; a larger box gets coarser cells. Default 3 M cells. */
	maxCells?: number;
	crs?: Crs;
}

export interface GkPolygonProps {
	klasse: Klasse;
	/** A = 4 … D = 1. */
	points: number;
}

/** One MultiPolygon per class A–D (disjoint bands), see the module comment. */
export function guteklassenPolygons(stations: GkStation[], opts: GkPolygonOptions = {}): FeatureCollection<MultiPolygon, GkPolygonProps> {
	const cat = stations.filter((s) => s.category !== null).map((s) => ({ ...wgs84ToLv95(s.lon, s.lat), category: s.category! }));
	if (!cat.length) return { type: 'FeatureCollection', features: [] };
	let box = opts.box;
	if (!box) {
		box = [Infinity, Infinity, -Infinity, -Infinity];
		for (const s of cat) box = [Math.min(box[0], s.e - 1100), Math.min(box[1], s.n - 1100), Math.max(box[2], s.e + 1100), Math.max(box[3], s.n + 1100)];
	}
	let cellM = opts.cellM ?? 100;
	while (((box[2] - box[0]) / cellM) * ((box[3] - box[1]) / cellM) > (opts.maxCells ?? 3_000_000)) cellM *= 1.5;
	const r = rasterForBox(box[0], box[1], box[2], box[3], cellM);
	const FAR = -1e6;
	const fields = KLASSEN.map(() => new Float64Array(r.width * r.height).fill(FAR));
	for (const s of cat)
		for (let level = 0; level < KLASSEN.length; level++) {
			const R = classRadius(s.category, level);
			if (R > 0) stampCone(r, fields[level], s.e, s.n, R);
		}
	const at = ([e, n]: Position): Position => {
		if (opts.crs === 'lv95') return [Math.round(e * 10) / 10, Math.round(n * 10) / 10];
		const w = lv95ToWgs84(e, n);
		return [Math.round(w.lon * 1e6) / 1e6, Math.round(w.lat * 1e6) / 1e6];
	};
	const gen = contours().size([r.width, r.height]).thresholds([0]);
	const onCircle = circleSnapper(cat);
	const features: Feature<MultiPolygon, GkPolygonProps>[] = KLASSEN.map((klasse, level) => {
		const f = fields[level];
		const h = level === 0 ? f : f.map((v, k) => Math.min(v, -fields[level - 1][k]));
		const [c] = gen(h as unknown as number[]);
		// Reversed: d3's outer rings are clockwise in east/north, RFC 7946 wants them counter-clockwise.
		const ringOut = (ring: Position[]) => arcs(ring.map((p) => onCircle(level, r.x0 + p[0] * r.cellM, r.y0 + p[1] * r.cellM))).map(at).reverse();
		return {
			type: 'Feature',
			properties: { klasse, points: klassePoints(klasse) },
			geometry: { type: 'MultiPolygon', coordinates: c.coordinates.map((poly) => poly.map(ringOut)) }
		};
	});
	return { type: 'FeatureCollection', features: features.filter((f) => f.geometry.coordinates.length) };
}

/**
 * Moves a contour vertex (LV95) onto the exact circle it traces: the level's boundary (or, for a band, the next
 * better level's, whichever field is nearer 0 there) of the station that owns the field at that point. The
 * interpolated contour lies up to cell²/8r inside the circles (4 m for a 300 m circle at 100 m cells).
 */
interface OnCircle {
	e: number;
	n: number;
	/** Circle centre and radius (R = 0: not on a circle). */
	ce: number;
	cn: number;
	R: number;
}

/** Ring vertices with points every ≤ 5° inserted between two vertices on the same circle. */
function arcs(v: OnCircle[]): Position[] {
	const out: Position[] = [];
	const step = (5 * Math.PI) / 180;
	for (let k = 0; k < v.length; k++) {
		const a = v[k];
		out.push([a.e, a.n]);
		const b = v[k + 1];
		if (!b || a.R === 0 || a.R !== b.R || a.ce !== b.ce || a.cn !== b.cn) continue;
		const ta = Math.atan2(a.n - a.cn, a.e - a.ce);
		let d = Math.atan2(b.n - b.cn, b.e - b.ce) - ta;
		if (d > Math.PI) d -= 2 * Math.PI;
		if (d < -Math.PI) d += 2 * Math.PI;
		const m = Math.ceil(Math.abs(d) / step);
		for (let i = 1; i < m; i++) out.push([a.ce + a.R * Math.cos(ta + (d * i) / m), a.cn + a.R * Math.sin(ta + (d * i) / m)]);
	}
	return out;
}

function circleSnapper(cat: Array<{ e: number; n: number; category: number }>): (level: number, e: number, n: number) => OnCircle {
	const B = DISTANCE_BANDS_M[DISTANCE_BANDS_M.length - 1];
	const buckets = new Map<string, number[]>();
	cat.forEach((s, i) => {
		const key = `${Math.floor(s.e / B)},${Math.floor(s.n / B)}`;
		const list = buckets.get(key);
		if (list) list.push(i);
		else buckets.set(key, [i]);
	});
	const field = (level: number, e: number, n: number): { v: number; owner: number } => {
		let v = -Infinity, owner = -1;
		const bi = Math.floor(e / B), bj = Math.floor(n / B);
		for (let dj = -1; dj <= 1; dj++)
			for (let di = -1; di <= 1; di++)
				for (const i of buckets.get(`${bi + di},${bj + dj}`) ?? []) {
					const R = classRadius(cat[i].category, level);
					if (R <= 0) continue;
					const x = R - Math.hypot(e - cat[i].e, n - cat[i].n);
					if (x > v) (v = x), (owner = i);
				}
		return { v, owner };
	};
	return (level, e, n) => {
		let f = field(level, e, n);
		let l = level;
		if (level > 0) {
			const g = field(level - 1, e, n);
			if (Math.abs(g.v) < Math.abs(f.v)) (f = g), (l = level - 1);
		}
		if (f.owner < 0) return { e, n, ce: 0, cn: 0, R: 0 };
		const s = cat[f.owner];
		const d = Math.hypot(e - s.e, n - s.n);
		if (d === 0) return { e, n, ce: 0, cn: 0, R: 0 };
		const R = classRadius(s.category, l);
		return { e: s.e + ((e - s.e) * R) / d, n: s.n + ((n - s.n) * R) / d, ce: s.e, cn: s.n, R };
	};
}

/** field = max(field, R − distance) on the cells within R + 2 cells (so every zero crossing sees true values). */
function stampCone(r: Raster, field: Float64Array, e: number, n: number, R: number): void {
	const reach = R + 2 * r.cellM;
	const iFrom = Math.max(0, Math.floor((e - reach - r.x0) / r.cellM - 0.5)), iTo = Math.min(r.width - 1, Math.ceil((e + reach - r.x0) / r.cellM - 0.5));
	const jFrom = Math.max(0, Math.floor((n - reach - r.y0) / r.cellM - 0.5)), jTo = Math.min(r.height - 1, Math.ceil((n + reach - r.y0) / r.cellM - 0.5));
	for (let j = jFrom; j <= jTo; j++) {
		const dy = r.y0 + (j + 0.5) * r.cellM - n;
		for (let i = iFrom; i <= iTo; i++) {
			const dx = r.x0 + (i + 0.5) * r.cellM - e;
			const v = R - Math.sqrt(dx * dx + dy * dy);
			const k = j * r.width + i;
			if (v > field[k]) field[k] = v;
		}
	}
}

/** Stations as points (for the map and QGIS): id, name, departures, interval, group, category. */
export function stationPoints(stations: GkStation[], crs: Crs = 'wgs84'): FeatureCollection<Point> {
	return {
		type: 'FeatureCollection',
		features: stations
			.filter((s) => s.departures > 0)
			.map((s) => {
				const c = crs === 'lv95' ? wgs84ToLv95(s.lon, s.lat) : null;
				return {
					type: 'Feature',
					properties: {
						id: s.id,
						name: s.name,
						departures: s.departures,
						interval_min: s.intervalMin === null ? null : Math.round(s.intervalMin * 10) / 10,
						group: s.group,
						category: s.category === null ? null : CATEGORY_NAMES[s.category - 1]
					},
					geometry: { type: 'Point', coordinates: c ? [Math.round(c.e * 10) / 10, Math.round(c.n * 10) / 10] : [s.lon, s.lat] }
				};
			})
	};
}
