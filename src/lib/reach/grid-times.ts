/**
 * Travel minutes from every raster cell to one destination, with the same engines and defaults as the
 * matrix (PT: p50 over the arrival window with walking to and from stops; car: reverse Dijkstra with the
 * peak factor), so a cell at a zone's point gets the zone's time. Heavy parts are prepared once per network
 * and raster: the cells that can reach a stop on foot and their PT origins (in chunks, to bound memory),
 * and the car snaps.
 */
import { PtMatrix, DEFAULT_WINDOW, DEFAULT_PT_QUERY, type ArrivalWindow, type PointLike, type Timetable } from './gtfs/index.ts';
import { carMinutesToTarget, snapPoints, DEFAULT_MAX_SNAP_M, type RoadGraph, type Snap, type TerminalModel } from './road/index.ts';
import { haversineM } from './road/geo.ts';
import { wgs84ToLv95 } from '../data/coords.ts';
import type { Steps } from './matrix.ts';
import type { Raster } from './raster.ts';

/** Cell centres in WGS84 and a mask of cells that get no time (lakes). */
export interface GridCells {
	raster: Raster;
	lon: Float64Array;
	lat: Float64Array;
	/** 1 = never reachable (e.g. the centre lies in a lake). */
	blocked: Uint8Array;
}

/** PT origins per chunk: bounds the arrive-by sample buffers (origins × deadlines) to a few MB. */
const CHUNK = 8192;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Cells within walking reach of a stop (stamp each stop's access disc on the raster). */
export function servedCells(cells: GridCells, tt: Timetable, maxAccessM = DEFAULT_PT_QUERY.walk.maxAccessM): Uint8Array {
	const r = cells.raster;
	const served = new Uint8Array(r.width * r.height);
	// A cell whose centre is within maxAccessM of a stop; the +1 cell margin is then checked exactly.
	const reach = Math.ceil(maxAccessM / r.cellM) + 1;
	for (let s = 0; s < tt.stopCount; s++) {
		const { e, n } = wgs84ToLv95(tt.stopLon[s], tt.stopLat[s]);
		const ci = Math.floor((e - r.x0) / r.cellM), cj = Math.floor((n - r.y0) / r.cellM);
		for (let j = Math.max(0, cj - reach); j <= Math.min(r.height - 1, cj + reach); j++)
			for (let i = Math.max(0, ci - reach); i <= Math.min(r.width - 1, ci + reach); i++) {
				const k = j * r.width + i;
				if (served[k] || cells.blocked[k]) continue;
				if (haversineM(cells.lon[k], cells.lat[k], tt.stopLon[s], tt.stopLat[s]) <= maxAccessM) served[k] = 1;
			}
	}
	return served;
}

/** PT minutes per cell for any destination; prepare once per timetable and raster. */
export class PtGrid {
	private readonly chunks: { cells: Int32Array; matrix: PtMatrix }[] = [];
	private readonly served: Uint8Array;
	constructor(
		readonly tt: Timetable,
		readonly cells: GridCells,
		readonly window: ArrivalWindow = DEFAULT_WINDOW
	) {
		this.served = servedCells(cells, tt);
		const list: number[] = [];
		for (let k = 0; k < this.served.length; k++) if (this.served[k]) list.push(k);
		for (let a = 0; a < list.length; a += CHUNK) {
			const idx = Int32Array.from(list.slice(a, a + CHUNK));
			const origins: PointLike[] = Array.from(idx, (k) => ({ id: String(k), lon: cells.lon[k], lat: cells.lat[k] }));
			this.chunks.push({ cells: idx, matrix: new PtMatrix(tt, origins, window) });
		}
	}

	/** Number of cells that can reach a stop on foot. */
	get servedCount(): number {
		return this.chunks.reduce((s, c) => s + c.cells.length, 0);
	}

	/** Minutes to `target` per cell (Infinity = unreachable), 0.1 min like the matrix. */
	async minutes(target: { lon: number; lat: number }, steps: Steps = {}): Promise<Float32Array> {
		const n = this.cells.lon.length;
		const out = new Float32Array(n).fill(Infinity);
		for (const c of this.chunks) {
			const p50 = c.matrix.toTargetColumns(target).p50;
			for (let q = 0; q < p50.length; q++) if (!Number.isNaN(p50[q])) out[c.cells[q]] = round1(p50[q]);
			await steps.checkpoint?.();
		}
		// Cells with no stop in walking reach can still walk the whole way to a nearby target.
		const near = this.nearUnserved(target);
		if (near.length) {
			const p50 = new PtMatrix(this.tt, near.map((k) => ({ id: String(k), lon: this.cells.lon[k], lat: this.cells.lat[k] })), this.window).toTargetColumns(target).p50;
			for (let q = 0; q < p50.length; q++) if (!Number.isNaN(p50[q])) out[near[q]] = round1(p50[q]);
		}
		return out;
	}

	private nearUnserved(target: { lon: number; lat: number }): number[] {
		const r = this.cells.raster;
		const maxM = DEFAULT_PT_QUERY.walk.maxDirectM;
		const { e, n } = wgs84ToLv95(target.lon, target.lat);
		const reach = Math.ceil(maxM / r.cellM) + 1;
		const ci = Math.floor((e - r.x0) / r.cellM), cj = Math.floor((n - r.y0) / r.cellM);
		const out: number[] = [];
		for (let j = Math.max(0, cj - reach); j <= Math.min(r.height - 1, cj + reach); j++)
			for (let i = Math.max(0, ci - reach); i <= Math.min(r.width - 1, ci + reach); i++) {
				const k = j * r.width + i;
				if (!this.served[k] && !this.cells.blocked[k] && haversineM(this.cells.lon[k], this.cells.lat[k], target.lon, target.lat) <= maxM) out.push(k);
			}
		return out;
	}
}

/**
 * Car minutes per cell: the engine's nearest-node snap (on its bucket grid sized to the network's node density,
 * road/snap.ts) and one search per target, as in the matrix.
 */
export class CarGrid {
	private readonly snaps: Snap[];
	private readonly buf: Float64Array;
	private readonly originTerminalMin: Float64Array | undefined;
	constructor(
		readonly graph: RoadGraph,
		readonly cells: GridCells,
		/** Car terminal minutes at both ends (as in the matrix), by the zone nearest each cell; none = driving time only. */
		private readonly terminal?: TerminalModel
	) {
		const pts = Array.from(cells.lon, (lon, k) => ({ lon, lat: cells.lat[k] }));
		this.snaps = snapPoints(graph, pts, DEFAULT_MAX_SNAP_M).map((s, k) => (cells.blocked[k] ? { node: -1, distM: s.distM } : s));
		this.buf = new Float64Array(pts.length);
		this.originTerminalMin = terminal ? Float64Array.from(pts, (p) => terminal.originMinutesAt(p)) : undefined;
	}

	/** Minutes to `target` per cell (Infinity = unreachable). */
	minutes(target: { lon: number; lat: number; zone_id?: number | null }): Float32Array {
		const m = carMinutesToTarget(this.graph, this.snaps, target, this.buf, { originTerminalMin: this.originTerminalMin, targetTerminalMin: this.terminal?.destinationMinutes(target) });
		const out = new Float32Array(m.length);
		for (let k = 0; k < m.length; k++) out[k] = Number.isFinite(m[k]) ? round1(m[k]) : Infinity;
		return out;
	}
}
