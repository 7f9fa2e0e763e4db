/**
 * Residents per raster cell, the base of "residents within x minutes" and the labour-market catchment.
 *
 * Two sources:
 *  1. **Approximate** (default; no hectare data ships): each zone's (municipality's) STATPOP total is spread over
 *     the raster cells whose centre lies in its polygon, lakes excluded, in proportion to a settlement weight
 *       w(cell) = floor + Σ_stops exp(−d²/2σs²) + localityWeight · Σ_localities exp(−d²/2σl²)
 *     with d the distance from the cell centre to each public-transport stop (DIDOK) and postcode locality point
 *     (swisstopo), cut at 3σ. Stops are dense where people live; locality points mark village centres; the
 *     floor keeps scattered farms (Streusiedlung) populated. A zone without a polygon or without a land cell
 *     puts all of its residents in the cell of its point. Totals per zone are kept exactly.
 *  2. **BFS STATPOP hectare grid** (a user's file, see data/statpop-hectare.ts): each 100 m cell's residents
 *     are split over the raster cells it overlaps in proportion to the overlapping area (exact when the raster
 *     cell is a multiple of 100 m; with 250 m cells a hectare touches at most four cells).
 */
import type { Raster } from './raster.ts';
import { cellAt, cellCentre, rasterise } from './raster.ts';

export interface ZoneShape {
	zone_id: number;
	population: number;
	/** Settlement point (LV95), used when the zone has no land cell. */
	e: number;
	n: number;
	/** Polygon rings in LV95 (may be empty). */
	rings: Float64Array[];
}

export interface SettlementProxies {
	/** Public-transport stops, LV95 [e, n]. */
	stops: Array<[number, number]>;
	/** Postcode locality points, LV95 [e, n]. */
	localities: Array<[number, number]>;
}

export interface ApproxOptions {
	/** Weight of every land cell, so areas without stops keep some residents. Default 0.02. */
	floor: number;
	/** Gaussian σ around stops, metres. Default 300. */
	stopSigmaM: number;
	/** Gaussian σ around locality points, metres. Default 600. */
	localitySigmaM: number;
	/** Weight of a locality point relative to a stop. Default 3. */
	localityWeight: number;
}

export const DEFAULT_APPROX: ApproxOptions = { floor: 0.02, stopSigmaM: 300, localitySigmaM: 600, localityWeight: 3 };

export interface PopulationRaster {
	/** Residents per cell. */
	residents: Float32Array;
	/** Zone id per cell (-1 outside every zone); from the polygons, also for hectare data. */
	zone: Int32Array;
	total: number;
	source: 'approximate' | 'statpop-hectare';
}

/** Cells inside each zone polygon (last polygon wins where generalised borders overlap). */
export function zoneCells(r: Raster, zones: ZoneShape[]): Int32Array {
	const zone = new Int32Array(r.width * r.height).fill(-1);
	for (const z of zones) rasterise(r, z.rings, (k) => (zone[k] = z.zone_id));
	return zone;
}

/** Settlement weight per cell (before the floor) from the proxy points. */
export function settlementWeights(r: Raster, proxies: SettlementProxies, o: ApproxOptions = DEFAULT_APPROX): Float32Array {
	const w = new Float32Array(r.width * r.height);
	const stamp = (e: number, n: number, sigma: number, weight: number) => {
		const reach = 3 * sigma;
		const iFrom = Math.max(0, Math.floor((e - reach - r.x0) / r.cellM));
		const iTo = Math.min(r.width - 1, Math.floor((e + reach - r.x0) / r.cellM));
		const jFrom = Math.max(0, Math.floor((n - reach - r.y0) / r.cellM));
		const jTo = Math.min(r.height - 1, Math.floor((n + reach - r.y0) / r.cellM));
		const k2 = 1 / (2 * sigma * sigma);
		for (let j = jFrom; j <= jTo; j++)
			for (let i = iFrom; i <= iTo; i++) {
				const [ce, cn] = cellCentre(r, i, j);
				const d2 = (ce - e) ** 2 + (cn - n) ** 2;
				if (d2 <= reach * reach) w[j * r.width + i] += weight * Math.exp(-d2 * k2);
			}
	};
	for (const [e, n] of proxies.stops) stamp(e, n, o.stopSigmaM, 1);
	for (const [e, n] of proxies.localities) stamp(e, n, o.localitySigmaM, o.localityWeight);
	return w;
}

/** Approximate residents per cell (method 1 of the module comment). `lake[k]` = 1 masks a cell. */
export function approximatePopulation(
	r: Raster,
	zones: ZoneShape[],
	lake: Uint8Array,
	proxies: SettlementProxies,
	o: ApproxOptions = DEFAULT_APPROX
): PopulationRaster {
	const zone = zoneCells(r, zones);
	const w = settlementWeights(r, proxies, o);
	const sum = new Map<number, number>();
	for (let k = 0; k < zone.length; k++) {
		if (zone[k] < 0 || lake[k]) continue;
		w[k] += o.floor;
		sum.set(zone[k], (sum.get(zone[k]) ?? 0) + w[k]);
	}
	const residents = new Float32Array(zone.length);
	const byZone = new Map(zones.map((z) => [z.zone_id, z]));
	for (let k = 0; k < zone.length; k++) {
		if (zone[k] < 0 || lake[k]) continue;
		const z = byZone.get(zone[k])!;
		residents[k] = (z.population * w[k]) / sum.get(zone[k])!;
	}
	let total = 0;
	for (const z of zones) {
		if (!(z.population > 0)) continue;
		if (!sum.has(z.zone_id)) {
			const k = cellAt(r, z.e, z.n);
			if (k < 0) continue;
			residents[k] += z.population;
			if (zone[k] < 0) zone[k] = z.zone_id;
		}
		total += z.population;
	}
	return { residents, zone, total, source: 'approximate' };
}

/** One BFS hectare: south-west corner in LV95 and its residents. */
export interface Hectare {
	e: number;
	n: number;
	residents: number;
}

/** Residents per cell from hectare cells (method 2 of the module comment); cells outside the raster are dropped. */
export function hectarePopulation(r: Raster, hectares: Iterable<Hectare>, zones: ZoneShape[] = [], sizeM = 100): PopulationRaster {
	const residents = new Float32Array(r.width * r.height);
	let total = 0;
	for (const h of hectares) {
		if (!(h.residents > 0)) continue;
		// Overlap of [e, e+size) × [n, n+size) with the cells it touches.
		const iFrom = Math.floor((h.e - r.x0) / r.cellM), iTo = Math.floor((h.e + sizeM - 1e-9 - r.x0) / r.cellM);
		const jFrom = Math.floor((h.n - r.y0) / r.cellM), jTo = Math.floor((h.n + sizeM - 1e-9 - r.y0) / r.cellM);
		for (let j = jFrom; j <= jTo; j++) {
			if (j < 0 || j >= r.height) continue;
			const fy = (Math.min(h.n + sizeM, r.y0 + (j + 1) * r.cellM) - Math.max(h.n, r.y0 + j * r.cellM)) / sizeM;
			for (let i = iFrom; i <= iTo; i++) {
				if (i < 0 || i >= r.width) continue;
				const fx = (Math.min(h.e + sizeM, r.x0 + (i + 1) * r.cellM) - Math.max(h.e, r.x0 + i * r.cellM)) / sizeM;
				const v = h.residents * fx * fy;
				residents[j * r.width + i] += v;
				total += v;
			}
		}
	}
	return { residents, zone: zoneCells(r, zones), total, source: 'statpop-hectare' };
}

/** Residents in cells reached within each threshold (minutes ≤ T; non-finite = unreachable). */
export function residentsWithin(residents: ArrayLike<number>, minutes: ArrayLike<number>, thresholds: number[]): number[] {
	const out = thresholds.map(() => 0);
	for (let k = 0; k < minutes.length; k++) {
		const m = minutes[k];
		if (!Number.isFinite(m) || !(residents[k] > 0)) continue;
		for (let t = 0; t < thresholds.length; t++) if (m <= thresholds[t]) out[t] += residents[k];
	}
	return out;
}
