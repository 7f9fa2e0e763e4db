/**
 * A square raster in Swiss LV95 metres (EPSG:2056): the grid of isochrones, the population raster and the
 * ÖV-Güteklassen polygons. Metres make cells exactly square and line them up with the BFS hectare grid
 * (cell corners on multiples of the cell size); routing needs WGS84, so cell centres are converted once.
 */
import type { Geometry, Position } from 'geojson';
import { lv95ToWgs84, wgs84ToLv95 } from '../data/coords.ts';

export interface Raster {
	/** LV95 east / north of the south-west corner of cell (0, 0). */
	x0: number;
	y0: number;
	/** Cell size in metres. */
	cellM: number;
	width: number;
	height: number;
}

/** Cell index k = j * width + i; j = 0 is the southern row. */
export function cellIndex(r: Raster, i: number, j: number): number {
	return j * r.width + i;
}

/** The smallest raster with corners on multiples of `cellM` that covers the LV95 box. */
export function rasterForBox(eMin: number, nMin: number, eMax: number, nMax: number, cellM: number): Raster {
	if (!(eMax >= eMin && nMax >= nMin) || !(cellM > 0)) throw new Error(`raster: empty box or cell size (${eMin}, ${nMin}, ${eMax}, ${nMax}, ${cellM} m)`);
	const x0 = Math.floor(eMin / cellM) * cellM;
	const y0 = Math.floor(nMin / cellM) * cellM;
	return { x0, y0, cellM, width: Math.max(1, Math.ceil((eMax - x0) / cellM)), height: Math.max(1, Math.ceil((nMax - y0) / cellM)) };
}

/** LV95 centre of cell (i, j). */
export function cellCentre(r: Raster, i: number, j: number): [number, number] {
	return [r.x0 + (i + 0.5) * r.cellM, r.y0 + (j + 0.5) * r.cellM];
}

/** The cell containing LV95 point (e, n), or -1 outside the raster. */
export function cellAt(r: Raster, e: number, n: number): number {
	const i = Math.floor((e - r.x0) / r.cellM);
	const j = Math.floor((n - r.y0) / r.cellM);
	return i < 0 || j < 0 || i >= r.width || j >= r.height ? -1 : j * r.width + i;
}

/** WGS84 centres of every cell (row-major), converted once with the rigorous swisstopo formulas. */
export function cellCentresWgs84(r: Raster): { lon: Float64Array; lat: Float64Array } {
	const n = r.width * r.height;
	const lon = new Float64Array(n);
	const lat = new Float64Array(n);
	for (let j = 0; j < r.height; j++)
		for (let i = 0; i < r.width; i++) {
			const [e, nn] = cellCentre(r, i, j);
			const p = lv95ToWgs84(e, nn);
			lon[j * r.width + i] = p.lon;
			lat[j * r.width + i] = p.lat;
		}
	return { lon, lat };
}

/** Rings of a (multi)polygon as flat LV95 [e0, n0, e1, n1, …] arrays; other geometry types give none. */
export function ringsLv95(g: Geometry | null | undefined): Float64Array[] {
	if (!g) return [];
	const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
	const out: Float64Array[] = [];
	for (const poly of polys)
		for (const ring of poly) {
			const a = new Float64Array(ring.length * 2);
			ring.forEach((p, k) => {
				const en = wgs84ToLv95(p[0], p[1]);
				a[2 * k] = en.e;
				a[2 * k + 1] = en.n;
			});
			out.push(a);
		}
	return out;
}

/** LV95 bounding box [eMin, nMin, eMax, nMax] of rings (Infinity box if empty). */
export function ringsBox(rings: Float64Array[]): [number, number, number, number] {
	let e0 = Infinity, n0 = Infinity, e1 = -Infinity, n1 = -Infinity;
	for (const a of rings)
		for (let k = 0; k < a.length; k += 2) {
			if (a[k] < e0) e0 = a[k];
			if (a[k] > e1) e1 = a[k];
			if (a[k + 1] < n0) n0 = a[k + 1];
			if (a[k + 1] > n1) n1 = a[k + 1];
		}
	return [e0, n0, e1, n1];
}

/**
 * Call `fill(k)` for every cell whose centre lies inside the rings (even-odd rule, so holes and the parts of
 * a MultiPolygon work). Scanline over the cell-centre rows: exact for centre sampling, O(rows × edges).
 */
export function rasterise(r: Raster, rings: Float64Array[], fill: (k: number) => void): void {
	const [, nMin, , nMax] = ringsBox(rings);
	if (!Number.isFinite(nMin)) return;
	const jFrom = Math.max(0, Math.ceil((nMin - r.y0) / r.cellM - 0.5));
	const jTo = Math.min(r.height - 1, Math.floor((nMax - r.y0) / r.cellM - 0.5));
	const xs: number[] = [];
	for (let j = jFrom; j <= jTo; j++) {
		const yc = r.y0 + (j + 0.5) * r.cellM;
		xs.length = 0;
		for (const a of rings) {
			const m = a.length / 2;
			for (let p = 0, q = m - 1; p < m; q = p++) {
				const y1 = a[2 * q + 1], y2 = a[2 * p + 1];
				if (y1 <= yc !== y2 <= yc) {
					const x1 = a[2 * q], x2 = a[2 * p];
					xs.push(x1 + ((yc - y1) / (y2 - y1)) * (x2 - x1));
				}
			}
		}
		xs.sort((a, b) => a - b);
		for (let t = 0; t + 1 < xs.length; t += 2) {
			const iFrom = Math.max(0, Math.ceil((xs[t] - r.x0) / r.cellM - 0.5));
			const iTo = Math.min(r.width - 1, Math.ceil((xs[t + 1] - r.x0) / r.cellM - 0.5) - 1);
			for (let i = iFrom; i <= iTo; i++) fill(j * r.width + i);
		}
	}
}
