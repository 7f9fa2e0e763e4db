/**
 * The travel-time matrix: every origin zone × destination (candidate sites and today's offices) × mode,
 * computed by one search per destination (searching from the destinations, not the origins, keeps the
 * cost independent of the number of staff and customers). Rows match the `travel_times` table.
 */
import { PtMatrix, DEFAULT_WINDOW, type ArrivalWindow, type PointLike } from './gtfs/index.ts';
import type { Timetable } from './gtfs/index.ts';
import { carMinutesToTarget, snapPoints, TerminalModel, type RoadGraph, type TerminalOptions, type TerminalZone } from './road/index.ts';

export type Mode = 'pt' | 'car';

/** A loaded network with a label saying where it came from (shown in the UI and stored per row). */
export interface PtNetwork {
	timetable: Timetable;
	source: string;
}
export interface CarNetwork {
	graph: RoadGraph;
	source: string;
}

export interface Destination {
	id: string;
	lon: number;
	lat: number;
	/** Zone (municipality) of the destination, for its car terminal time; else the nearest zone's point counts. */
	zone_id?: number | null;
}

/**
 * An origin where people live, finer than a zone: a 100 m LV95 cell of staff homes or customer addresses
 * (point = mean of the people in it). Its rows carry the cell id and the zone it lies in.
 */
export interface OriginCell {
	origin_cell: number;
	zone_id: number;
	lon: number;
	lat: number;
}

/** A row of `travel_times` (see schema.ts). */
export interface TravelTimeRow {
	origin_zone: number;
	/** 100 m cell of the origin (null: the zone's settlement point). */
	origin_cell: number | null;
	destination_id: string;
	mode: Mode;
	/** PT: door-to-door journey (arrival − departure), p50/p80 over the arrival window. Car: the peak-hour time. */
	minutes_p50: number;
	minutes_p80: number | null;
	/** PT: wait before the deadline at the destination (deadline − arrival), p50/p80; null for car. */
	wait_p50: number | null;
	wait_p80: number | null;
	changes: number | null;
	source: string;
}

export interface MatrixOptions {
	window: ArrivalWindow;
	modes: Mode[];
	/** Car terminal minutes at both ends by the zones' density (road/terminal.ts); false = driving time only. */
	carTerminal: boolean | TerminalOptions;
}

export const DEFAULT_MATRIX_OPTIONS: MatrixOptions = { window: DEFAULT_WINDOW, modes: ['pt', 'car'], carTerminal: true };

/** Progress and cancellation hooks (the worker RPC's context fits). */
export interface Steps {
	progress?(fraction: number, note?: string): void;
	checkpoint?(): Promise<void>;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Compute the matrix from the zones' settlement points and (optionally) the cells where people live.
 * Unreachable pairs are left out (no row), so a missing row means "not reachable within the engine's
 * limits"; the model treats them as such.
 */
export async function computeMatrix(
	nets: { pt?: PtNetwork; car?: CarNetwork },
	zones: TerminalZone[],
	destinations: Destination[],
	opts: Partial<MatrixOptions> = {},
	steps: Steps = {},
	cells: readonly OriginCell[] = []
): Promise<TravelTimeRow[]> {
	const o = { ...DEFAULT_MATRIX_OPTIONS, ...opts };
	const out: TravelTimeRow[] = [];
	// One origin list for both searches: zones first, then cells (index ≥ zones.length).
	const origins: PointLike[] = [...zones.map((z) => ({ id: String(z.zone_id), lon: z.lon, lat: z.lat })), ...cells.map((c) => ({ id: `c${c.origin_cell}`, lon: c.lon, lat: c.lat }))];
	const key = (i: number) => (i < zones.length ? { origin_zone: zones[i].zone_id, origin_cell: null } : { origin_zone: cells[i - zones.length].zone_id, origin_cell: cells[i - zones.length].origin_cell });
	const jobs = o.modes.filter((m) => (m === 'pt' ? nets.pt : nets.car)).length * destinations.length;
	let done = 0;

	if (o.modes.includes('pt') && nets.pt) {
		const pt = new PtMatrix(nets.pt.timetable, origins, o.window);
		for (const d of destinations) {
			const res = pt.toTarget(d);
			for (let i = 0; i < res.length; i++) {
				const r = res[i];
				if (r.p50 === null) continue;
				out.push({ ...key(i), destination_id: d.id, mode: 'pt', minutes_p50: round1(r.p50), minutes_p80: r.p80 === null ? null : round1(r.p80), wait_p50: r.waitP50, wait_p80: r.waitP80, changes: r.changes, source: nets.pt.source });
			}
			steps.progress?.(++done / jobs, d.id);
			await steps.checkpoint?.();
		}
	}
	if (o.modes.includes('car') && nets.car) {
		const snaps = snapPoints(nets.car.graph, origins);
		const buf = new Float64Array(origins.length);
		const terminal = o.carTerminal ? new TerminalModel(zones, o.carTerminal === true ? {} : o.carTerminal) : null;
		// A cell's origin terminal time is its zone's (people in a dense municipality walk further to their car).
		const originTerminalMin = terminal ? Float64Array.from([...terminal.originMinutes(), ...cells.map((c) => terminal.originMinutesAt(c))]) : undefined;
		for (const d of destinations) {
			const minutes = carMinutesToTarget(nets.car.graph, snaps, d, buf, { originTerminalMin, targetTerminalMin: terminal?.destinationMinutes(d) });
			for (let i = 0; i < origins.length; i++) {
				const m = minutes[i];
				if (!Number.isFinite(m)) continue;
				// Car times do not vary over the window in this model (a fixed peak factor), so p80 = p50.
				out.push({ ...key(i), destination_id: d.id, mode: 'car', minutes_p50: round1(m), minutes_p80: round1(m), wait_p50: null, wait_p80: null, changes: null, source: nets.car.source });
			}
			steps.progress?.(++done / jobs, d.id);
			await steps.checkpoint?.();
		}
	}
	return out;
}

/**
 * Travel minutes (PT: p50 of the door-to-door journey over the window) from every point of a list to one
 * destination — the input of isochrones and of the best-location surface. Unreachable points are
 * +Infinity. Car times include terminal minutes only when a terminal model (built from the zones) is given.
 */
export function minutesFromPoints(
	nets: { pt?: PtNetwork; car?: CarNetwork },
	mode: Mode,
	points: Array<[number, number]>,
	target: Destination,
	window: ArrivalWindow = DEFAULT_WINDOW,
	carTerminal?: TerminalModel
): Float64Array {
	const out = new Float64Array(points.length).fill(Infinity);
	if (mode === 'pt' && nets.pt) {
		const res = new PtMatrix(nets.pt.timetable, points.map(([lon, lat], i) => ({ id: String(i), lon, lat })), window).toTarget(target);
		for (let i = 0; i < res.length; i++) if (res[i].p50 !== null) out[i] = res[i].p50!;
	} else if (mode === 'car' && nets.car) {
		const snaps = snapPoints(nets.car.graph, points.map(([lon, lat]) => ({ lon, lat })));
		const originTerminalMin = carTerminal ? Float64Array.from(points, ([lon, lat]) => carTerminal.originMinutesAt({ lon, lat })) : undefined;
		const m = carMinutesToTarget(nets.car.graph, snaps, target, undefined, { originTerminalMin, targetTerminalMin: carTerminal?.destinationMinutes(target) });
		for (let i = 0; i < m.length; i++) if (Number.isFinite(m[i])) out[i] = m[i];
	}
	return out;
}
