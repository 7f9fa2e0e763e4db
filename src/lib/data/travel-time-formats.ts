/**
 * Travel-time matrices from established routing engines, reshaped into the `travel_times` table's
 * columns before the normal validation (validateAndType) and commit. Pure TS: runs in the browser,
 * workers, Node and the CLI.
 *
 * Recognised outputs (column names checked against each tool's documentation or source):
 * - **r5r** `travel_time_matrix()` / `arrival_travel_time_matrix()` (and its `output_dir` CSVs):
 *   `from_id, to_id, travel_time_p50` — one `travel_time_pNN` column per requested percentile.
 *   **r5py** `TravelTimeMatrix`: `from_id, to_id, travel_time` (median), or `travel_time_pNN`.
 *   Unreachable pairs are left out by both. → p50 from `travel_time_p50` (else `travel_time`),
 *   p80 from `travel_time_p80`.
 * - **Conveyal** regional analysis, "times" CSV (r5 `TimeCsvResultWriter`): long format
 *   `origin, destination, percentile, time`, one row per percentile, `-1` = not reached.
 *   → pivoted to one row per pair: p50 from percentile 50, p80 from percentile 80; pairs not
 *   reached at the median are dropped (counted).
 * - **OpenTripPlanner** through the rOpenSci `opentripplanner` package, `otp_plan(…, fromID, toID,
 *   get_geometry = FALSE)`: one row per leg and itinerary with `fromPlace, toPlace, route_option,
 *   duration` (itinerary, seconds) and `transfers`. → per pair the fastest itinerary: minutes =
 *   duration / 60, changes = its transfers. OTP plans one departure per request, so there is no p80.
 *
 * PT definitions differ: r5/Conveyal report the travel time over a *departure* window (by default), which includes
 * the wait at the origin for the next vehicle; our own matrix reports the door-to-door journey of an *arrival* window
 * (leave home as late as possible, no wait at the origin) and the wait before the deadline apart (`wait_p50`).
 * Imported PT rows keep the engine's figure in minutes_p50/p80, get a note saying so, and leave wait_* empty.
 *
 * None of these carries our `mode`: it is a constant chosen at import (`pt` or `car`), and `source`
 * records the engine. Origin ids must be our zone ids (BFS numbers), destination ids site_id/office_id:
 * pass them as the engine's origin/destination ids.
 *
 * Used by the CLI (`npm run cli -- travel-times`) and by the app's streaming import (import/stream.ts:
 * an ImportSession for travel_times detects the format, reads the file whole and reshapes it with the
 * mode the user picks on the data page; issues are relabelled with `matrixSourceColumns`).
 */
import type { ParsedFile, RawCell, Msg } from './import/types.ts';
import { normaliseHeader } from './schema.ts';

export type MatrixFormat = 'r5r' | 'conveyal' | 'otp';
export type MatrixMode = 'pt' | 'car';

export interface AdaptOptions {
	/** Mode of every row (the engines' outputs have none). */
	mode: MatrixMode;
	/** Force a format instead of detecting it from the headers. */
	format?: MatrixFormat;
	/** `source` column (default: the format name). */
	source?: string;
}

export interface AdaptResult {
	/** The file with the `travel_times` columns, ready for validateAndType('travel_times', …). */
	parsed: ParsedFile;
	format: MatrixFormat;
	/** Origin-destination pairs left out (not reached). */
	dropped: number;
	notes: Msg[];
}

/** Which engine wrote a file with these headers, or null (e.g. already our own columns). */
export function detectMatrixFormat(headers: readonly string[]): MatrixFormat | null {
	const h = new Set(headers.map(normaliseHeader));
	if (h.has('origin') && h.has('destination') && h.has('percentile') && h.has('time')) return 'conveyal';
	if (h.has('fromplace') && h.has('toplace') && h.has('duration')) return 'otp';
	if (h.has('from_id') && h.has('to_id') && [...h].some((x) => x === 'travel_time' || /^travel_time_p\d+$/.test(x))) return 'r5r';
	return null;
}

const OUT_HEADERS = ['origin_zone', 'destination_id', 'mode', 'minutes_p50', 'minutes_p80', 'wait_p50', 'wait_p80', 'changes', 'source'];

/** The headers of every adapted file (= the travel_times columns), known before any row is read. */
export const MATRIX_HEADERS: readonly string[] = OUT_HEADERS;

/**
 * Which header of the engine's file feeds each adapted column (as the user spelled it), so issues can
 * name the user's column; columns with no source (mode, source) are absent.
 */
export function matrixSourceColumns(format: MatrixFormat, headers: readonly string[]): Record<string, string> {
	const find = (...names: string[]): string | undefined => {
		for (const n of names) {
			const h = headers.find((x) => normaliseHeader(x) === n);
			if (h !== undefined) return h;
		}
		return undefined;
	};
	const pairs: [string, string | undefined][] =
		format === 'r5r'
			? [['origin_zone', find('from_id')], ['destination_id', find('to_id')], ['minutes_p50', find('travel_time_p50', 'travel_time')], ['minutes_p80', find('travel_time_p80')]]
			: format === 'conveyal'
				? [['origin_zone', find('origin')], ['destination_id', find('destination')], ['minutes_p50', find('time')], ['minutes_p80', find('time')]]
				: [['origin_zone', find('fromplace')], ['destination_id', find('toplace')], ['minutes_p50', find('duration')], ['changes', find('transfers')]];
	return Object.fromEntries(pairs.filter((p): p is [string, string] => p[1] !== undefined));
}

/**
 * A header name for a column the importer adds (e.g. the constant `mode`): `base` unless the file
 * already has a header that normalises to it, else `base_2`, `base_3`, …
 */
export function addedColumnName(headers: readonly string[], base: string): string {
	const taken = new Set(headers.map(normaliseHeader));
	if (!taken.has(normaliseHeader(base))) return base;
	for (let i = 2; ; i++) if (!taken.has(normaliseHeader(`${base}_${i}`))) return `${base}_${i}`;
}

/**
 * Reshape an engine's matrix into `travel_times` columns. Throws an Error with a {de, en}
 * `messages` property when the format is unknown or a needed column is missing.
 */
export function adaptTravelTimeMatrix(parsed: ParsedFile, opts: AdaptOptions): AdaptResult {
	const format = opts.format ?? detectMatrixFormat(parsed.headers);
	if (!format)
		throw new MatrixFormatError({
			de: `Unbekanntes Reisezeit-Format (Spalten: ${parsed.headers.join(', ')}). Erkannt werden r5r/r5py (from_id, to_id, travel_time_p50), Conveyal (origin, destination, percentile, time) und OpenTripPlanner/otp_plan (fromPlace, toPlace, duration).`,
			en: `Unknown travel-time format (columns: ${parsed.headers.join(', ')}). Recognised: r5r/r5py (from_id, to_id, travel_time_p50), Conveyal (origin, destination, percentile, time) and OpenTripPlanner/otp_plan (fromPlace, toPlace, duration).`
		});
	const col = (name: string): number => parsed.headers.findIndex((h) => normaliseHeader(h) === name);
	const need = (name: string): number => {
		const i = col(name);
		if (i < 0)
			throw new MatrixFormatError({
				de: `${format}: Spalte «${name}» fehlt (vorhanden: ${parsed.headers.join(', ')}).`,
				en: `${format}: column "${name}" is missing (found: ${parsed.headers.join(', ')}).`
			});
		return i;
	};
	const source = opts.source ?? format;
	const rows: RawCell[][] = [];
	const rowNumbers: number[] = [];
	const notes: Msg[] = [];
	let dropped = 0;
	const num = (v: RawCell): number | null => {
		if (v === null || v === '') return null;
		const n = typeof v === 'number' ? v : Number(String(v).trim());
		return Number.isFinite(n) ? n : null;
	};

	if (format === 'r5r') {
		const o = need('from_id');
		const d = need('to_id');
		const p50 = col('travel_time_p50') >= 0 ? col('travel_time_p50') : need('travel_time');
		const p80 = col('travel_time_p80');
		parsed.rows.forEach((r, i) => {
			rows.push([r[o], r[d], opts.mode, r[p50], p80 >= 0 ? r[p80] : null, null, null, null, source]);
			rowNumbers.push(parsed.rowNumbers[i]);
		});
		if (p80 < 0) notes.push({ de: 'Keine Spalte travel_time_p80: minutes_p80 bleibt leer (die Modelle nehmen dann p50).', en: 'No travel_time_p80 column: minutes_p80 stays empty (the model then uses p50).' });
	} else if (format === 'conveyal') {
		const o = need('origin');
		const d = need('destination');
		const p = need('percentile');
		const t = need('time');
		const pairs = new Map<string, { o: RawCell; d: RawCell; row: number; p50: number | null; p80: number | null; seen50: boolean }>();
		const percentiles = new Set<number>();
		parsed.rows.forEach((r, i) => {
			const key = `${r[o]}\u0000${r[d]}`;
			let e = pairs.get(key);
			if (!e) pairs.set(key, (e = { o: r[o], d: r[d], row: parsed.rowNumbers[i], p50: null, p80: null, seen50: false }));
			const pc = num(r[p]);
			if (pc !== null) percentiles.add(pc);
			const time = num(r[t]);
			const reached = time !== null && time >= 0 ? time : null;
			if (pc === 50) {
				e.p50 = reached;
				e.seen50 = true;
			} else if (pc === 80) e.p80 = reached;
		});
		if (!percentiles.has(50))
			throw new MatrixFormatError({
				de: `Conveyal: kein Perzentil 50 in der Datei (vorhanden: ${[...percentiles].join(', ')}). Die Regionalanalyse mit Perzentil 50 (und 80) rechnen.`,
				en: `Conveyal: no percentile 50 in the file (found: ${[...percentiles].join(', ')}). Run the regional analysis with percentile 50 (and 80).`
			});
		for (const e of pairs.values()) {
			if (e.p50 === null) {
				dropped++;
				continue;
			}
			rows.push([e.o, e.d, opts.mode, e.p50, e.p80, null, null, null, source]);
			rowNumbers.push(e.row);
		}
		if (!percentiles.has(80)) notes.push({ de: 'Kein Perzentil 80: minutes_p80 bleibt leer.', en: 'No percentile 80: minutes_p80 stays empty.' });
	} else {
		const o = need('fromplace');
		const d = need('toplace');
		const dur = need('duration');
		const tr = col('transfers');
		const best = new Map<string, { o: RawCell; d: RawCell; row: number; s: number; transfers: RawCell }>();
		parsed.rows.forEach((r, i) => {
			const s = num(r[dur]);
			if (s === null || s < 0) return;
			const key = `${r[o]}\u0000${r[d]}`;
			const e = best.get(key);
			if (!e || s < e.s) best.set(key, { o: r[o], d: r[d], row: e?.row ?? parsed.rowNumbers[i], s, transfers: tr >= 0 ? r[tr] : null });
		});
		for (const e of best.values()) {
			rows.push([e.o, e.d, opts.mode, Math.round((e.s / 60) * 100) / 100, null, null, null, e.transfers, source]);
			rowNumbers.push(e.row);
		}
		notes.push({
			de: 'OpenTripPlanner: pro Paar die schnellste Verbindung (duration in Sekunden → Minuten); ein Abfahrtszeitpunkt, daher kein p80.',
			en: 'OpenTripPlanner: the fastest itinerary per pair (duration in seconds → minutes); one departure time, hence no p80.'
		});
	}
	if (opts.mode === 'pt' && format !== 'otp')
		notes.push({
			de: 'r5/Conveyal: die ÖV-Zeit folgt der Definition des Programms (über ein Abfahrtsfenster mit der Wartezeit an der Starthaltestelle), nicht der Reise von Tür zu Tür der eigenen Matrix (ohne Warten vor dem Termin). wait_p50/wait_p80 bleiben leer.',
			en: 'r5/Conveyal: the PT time follows the engine’s definition (over a departure window, with the wait at the origin stop), not the door-to-door journey of our own matrix (without the wait before the appointment). wait_p50/wait_p80 stay empty.'
		});
	if (dropped)
		notes.push({
			de: `${dropped} ${dropped === 1 ? 'Paar' : 'Paare'} nicht erreicht (Zeit −1) und ausgelassen.`,
			en: `${dropped} ${dropped === 1 ? 'pair' : 'pairs'} not reached (time −1) and left out.`
		});
	return {
		parsed: { ...parsed, headers: OUT_HEADERS.slice(), rows, rowNumbers },
		format,
		dropped,
		notes
	};
}

export class MatrixFormatError extends Error {
	constructor(readonly messages: Msg) {
		super(messages.en);
		this.name = 'MatrixFormatError';
	}
}
