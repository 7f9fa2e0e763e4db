/**
 * The travel-time matrix: every origin zone × destination (candidate sites and today's offices) × mode,
 * computed by one search per destination (searching from the destinations, not the origins, keeps the
 * cost independent of the number of staff and customers). Rows match the `travel_times` table.
 */
import { PtMatrix, DEFAULT_WINDOW, type ArrivalWindow, type PointLike } from './gtfs/index.ts';
import type { Timetable } from './gtfs/index.ts';
import { carMinutesToTarget, snapPoints, TerminalModel, type RoadGraph, type TerminalOptions, type TerminalZone } from './road/index.ts';
import { Grow } from '../util/grow.ts';

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
 * `travel_times` as columns: numbers as Float64Array (NaN = null), text as an index into its few words.
 * Typed arrays cross from the worker to the page without a copy and become Arrow without a row object
 * (a million people in 100 m cells gave millions of rows: as objects, seconds of the page's main thread).
 */
export interface TravelTimeColumns {
	length: number;
	origin_zone: Float64Array;
	origin_cell: Float64Array;
	destination_id: Int32Array;
	mode: Int32Array;
	minutes_p50: Float64Array;
	minutes_p80: Float64Array;
	wait_p50: Float64Array;
	wait_p80: Float64Array;
	changes: Float64Array;
	source: Int32Array;
	words: { destination_id: string[]; mode: string[]; source: string[] };
}

const NUMBER_COLUMNS = ['origin_zone', 'origin_cell', 'minutes_p50', 'minutes_p80', 'wait_p50', 'wait_p80', 'changes'] as const;
const TEXT_COLUMNS = ['destination_id', 'mode', 'source'] as const;

/** Collects the matrix's rows into TravelTimeColumns. */
class TravelTimeSink {
	private num = Object.fromEntries(NUMBER_COLUMNS.map((k) => [k, new Grow(new Float64Array(1024), (n) => new Float64Array(n))])) as Record<(typeof NUMBER_COLUMNS)[number], Grow<Float64Array>>;
	private txt = Object.fromEntries(TEXT_COLUMNS.map((k) => [k, new Grow(new Int32Array(1024), (n) => new Int32Array(n))])) as Record<(typeof TEXT_COLUMNS)[number], Grow<Int32Array>>;
	private words = { destination_id: [] as string[], mode: [] as string[], source: [] as string[] };
	private index = { destination_id: new Map<string, number>(), mode: new Map<string, number>(), source: new Map<string, number>() };

	private word(k: (typeof TEXT_COLUMNS)[number], w: string): number {
		let i = this.index[k].get(w);
		if (i === undefined) this.index[k].set(w, (i = this.words[k].push(w) - 1));
		return i;
	}

	/** The words of one run of rows (one destination and mode), looked up once for all of them. */
	run(destination: string, mode: Mode, source: string): { destination: number; mode: number; source: number } {
		return { destination: this.word('destination_id', destination), mode: this.word('mode', mode), source: this.word('source', source) };
	}

	/** One row; NaN = null (a zone's own row has no origin cell). */
	add(originZone: number, originCell: number, run: { destination: number; mode: number; source: number }, p50: number, p80: number, w50: number, w80: number, changes: number): void {
		const num = this.num;
		num.origin_zone.push(originZone);
		num.origin_cell.push(originCell);
		num.minutes_p50.push(p50);
		num.minutes_p80.push(p80);
		num.wait_p50.push(w50);
		num.wait_p80.push(w80);
		num.changes.push(changes);
		this.txt.destination_id.push(run.destination);
		this.txt.mode.push(run.mode);
		this.txt.source.push(run.source);
	}

	finish(): TravelTimeColumns {
		return {
			length: this.num.origin_zone.n,
			...(Object.fromEntries(NUMBER_COLUMNS.map((k) => [k, this.num[k].values()])) as Record<(typeof NUMBER_COLUMNS)[number], Float64Array>),
			...(Object.fromEntries(TEXT_COLUMNS.map((k) => [k, this.txt[k].values()])) as Record<(typeof TEXT_COLUMNS)[number], Int32Array>),
			words: this.words
		};
	}
}

/** The columns' buffers, to transfer (postMessage) rather than copy. */
export function travelTimeBuffers(c: TravelTimeColumns): ArrayBuffer[] {
	return [...NUMBER_COLUMNS.map((k) => c[k].buffer as ArrayBuffer), ...TEXT_COLUMNS.map((k) => c[k].buffer as ArrayBuffer)];
}

/**
 * One matrix from parts computed over consecutive slices of the origins (zone rows only in the first part:
 * computeMatrixColumns' `zoneRows`), in the order one computation over all of them gives: per mode (PT, then
 * car) and destination (as listed), the parts' rows in turn; the words numbered in that order too. Rows move
 * in runs (one copy per column and run), not one by one: a million people's cells give millions of rows.
 */
export function mergeTravelTimes(parts: readonly TravelTimeColumns[], destinations: readonly { id: string }[]): TravelTimeColumns {
	const destRank = new Map(destinations.map((d, i) => [d.id, i]));
	const modeRank = (m: string) => (m === 'pt' ? 0 : m === 'car' ? 1 : 2);
	interface Run { part: TravelTimeColumns; p: number; start: number; end: number; destination: string; mode: string; source: string }
	const runs: Run[] = [];
	parts.forEach((part, p) => {
		for (let start = 0; start < part.length; ) {
			let end = start + 1;
			while (end < part.length && part.destination_id[end] === part.destination_id[start] && part.mode[end] === part.mode[start] && part.source[end] === part.source[start]) end++;
			runs.push({ part, p, start, end, destination: part.words.destination_id[part.destination_id[start]], mode: part.words.mode[part.mode[start]], source: part.words.source[part.source[start]] });
			start = end;
		}
	});
	const rank = (r: Run) => [modeRank(r.mode), destRank.get(r.destination) ?? Infinity, r.p];
	runs.sort((a, b) => {
		const x = rank(a), y = rank(b);
		return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
	});
	const length = parts.reduce((n, c) => n + c.length, 0);
	const out = {
		length,
		...(Object.fromEntries(NUMBER_COLUMNS.map((k) => [k, new Float64Array(length)])) as Record<(typeof NUMBER_COLUMNS)[number], Float64Array>),
		...(Object.fromEntries(TEXT_COLUMNS.map((k) => [k, new Int32Array(length)])) as Record<(typeof TEXT_COLUMNS)[number], Int32Array>),
		words: { destination_id: [] as string[], mode: [] as string[], source: [] as string[] }
	};
	const word = (k: (typeof TEXT_COLUMNS)[number], w: string) => {
		const i = out.words[k].indexOf(w);
		return i >= 0 ? i : out.words[k].push(w) - 1;
	};
	let at = 0;
	for (const r of runs) {
		const n = r.end - r.start;
		for (const k of NUMBER_COLUMNS) out[k].set(r.part[k].subarray(r.start, r.end), at);
		out.destination_id.fill(word('destination_id', r.destination), at, at + n);
		out.mode.fill(word('mode', r.mode), at, at + n);
		out.source.fill(word('source', r.source), at, at + n);
		at += n;
	}
	return out;
}

/** The columns as row objects (the CLI's CSV, tests). */
export function travelTimeRows(c: TravelTimeColumns): TravelTimeRow[] {
	const nul = (x: number) => (Number.isNaN(x) ? null : x);
	return Array.from({ length: c.length }, (_, i) => ({
		origin_zone: c.origin_zone[i],
		origin_cell: nul(c.origin_cell[i]),
		destination_id: c.words.destination_id[c.destination_id[i]],
		mode: c.words.mode[c.mode[i]] as Mode,
		minutes_p50: c.minutes_p50[i],
		minutes_p80: nul(c.minutes_p80[i]),
		wait_p50: nul(c.wait_p50[i]),
		wait_p80: nul(c.wait_p80[i]),
		changes: nul(c.changes[i]),
		source: c.words.source[c.source[i]]
	}));
}

/**
 * Compute the matrix from the zones' settlement points and (optionally) the cells where people live.
 * Unreachable pairs are left out (no row), so a missing row means "not reachable within the engine's
 * limits"; the model treats them as such.
 */
export async function computeMatrix(...args: Parameters<typeof computeMatrixColumns>): Promise<TravelTimeRow[]> {
	return travelTimeRows(await computeMatrixColumns(...args));
}

/** computeMatrix, as columns (what the app stores: no row objects). */
export async function computeMatrixColumns(
	nets: { pt?: PtNetwork; car?: CarNetwork },
	zones: TerminalZone[],
	destinations: Destination[],
	opts: Partial<MatrixOptions> = {},
	steps: Steps = {},
	cells: readonly OriginCell[] = [],
	/** Rows for the zones' own points; false: the zones only give the cells' car terminal times (a part of a matrix split by origins, mergeTravelTimes). */
	zoneRows = true
): Promise<TravelTimeColumns> {
	const o = { ...DEFAULT_MATRIX_OPTIONS, ...opts };
	const out = new TravelTimeSink();
	// One origin list for both searches: zones first, then cells.
	const zoneOrigins = zoneRows ? zones : [];
	const origins: PointLike[] = [...zoneOrigins.map((z) => ({ id: String(z.zone_id), lon: z.lon, lat: z.lat })), ...cells.map((c) => ({ id: `c${c.origin_cell}`, lon: c.lon, lat: c.lat }))];
	const originZone = Float64Array.from([...zoneOrigins.map((z) => z.zone_id), ...cells.map((c) => c.zone_id)]);
	const originCell = Float64Array.from([...zoneOrigins.map(() => NaN), ...cells.map((c) => c.origin_cell)]);
	const jobs = o.modes.filter((m) => (m === 'pt' ? nets.pt : nets.car)).length * destinations.length;
	let done = 0;

	if (o.modes.includes('pt') && nets.pt) {
		const pt = new PtMatrix(nets.pt.timetable, origins, o.window);
		for (const d of destinations) {
			const r = pt.toTargetColumns(d);
			const run = out.run(d.id, 'pt', nets.pt.source);
			for (let i = 0; i < origins.length; i++) {
				if (Number.isNaN(r.p50[i])) continue;
				out.add(originZone[i], originCell[i], run, round1(r.p50[i]), round1(r.p80[i]), r.waitP50[i], r.waitP80[i], r.changes[i]);
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
		const originTerminalMin = terminal ? Float64Array.from([...(zoneRows ? terminal.originMinutes() : []), ...cells.map((c) => terminal.originMinutesAt(c))]) : undefined;
		for (const d of destinations) {
			const minutes = carMinutesToTarget(nets.car.graph, snaps, d, buf, { originTerminalMin, targetTerminalMin: terminal?.destinationMinutes(d) });
			const run = out.run(d.id, 'car', nets.car.source);
			for (let i = 0; i < origins.length; i++) {
				const m = minutes[i];
				if (!Number.isFinite(m)) continue;
				// Car times do not vary over the window in this model (a fixed peak factor), so p80 = p50.
				out.add(originZone[i], originCell[i], run, round1(m), round1(m), NaN, NaN, NaN);
			}
			steps.progress?.(++done / jobs, d.id);
			await steps.checkpoint?.();
		}
	}
	return out.finish();
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
		const p50 = new PtMatrix(nets.pt.timetable, points.map(([lon, lat], i) => ({ id: String(i), lon, lat })), window).toTargetColumns(target).p50;
		for (let i = 0; i < p50.length; i++) if (!Number.isNaN(p50[i])) out[i] = p50[i];
	} else if (mode === 'car' && nets.car) {
		const snaps = snapPoints(nets.car.graph, points.map(([lon, lat]) => ({ lon, lat })));
		const originTerminalMin = carTerminal ? Float64Array.from(points, ([lon, lat]) => carTerminal.originMinutesAt({ lon, lat })) : undefined;
		const m = carMinutesToTarget(nets.car.graph, snaps, target, undefined, { originTerminalMin, targetTerminalMin: carTerminal?.destinationMinutes(target) });
		for (let i = 0; i < m.length; i++) if (Number.isFinite(m[i])) out[i] = m[i];
	}
	return out;
}
