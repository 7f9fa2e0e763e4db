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
 *   reached at the median are dropped (counted). Only −1 means not reached: another negative, a
 *   time or percentile that is no number, a row twice, or a pair without percentile 50 is an error.
 * - **OpenTripPlanner** through the rOpenSci `opentripplanner` package, `otp_plan(…, fromID, toID,
 *   get_geometry = FALSE)`: one row per leg and itinerary with `fromPlace, toPlace, route_option,
 *   duration` (itinerary, seconds) and `transfers`. → per pair the fastest itinerary: minutes =
 *   duration / 60, changes = its transfers. OTP plans one departure per request, so there is no p80.
 *   otp_plan leaves pairs without an itinerary out (no NA marker): a duration that is no number of
 *   seconds ≥ 0, or one itinerary (pair, route_option) with two durations, is an error.
 *
 * Errors of Conveyal and OTP values are found here (the rows are pivoted or reduced, so the validator could not
 * name the row): one MatrixFormatError names file, row and column of each. r5r/r5py rows pass one to one, and
 * the validator names theirs. For every format, times implausible as a whole for their unit (minutes where OTP
 * expects seconds, seconds where r5/Conveyal write minutes) give one warning (unitWarning).
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
import { IssueList } from './import/issues.ts';
import { decideStyle } from './import/numbers.ts';
import { BadCell, type ImportIssue, type Msg, type ParsedFile, type RawCell } from './import/types.ts';
import { fmt as messageNumber, isProblem, numberInput, problemMessage, typeCell } from './import/typing.ts';
import { show } from './import/values.ts';
import { normaliseHeader, tables, type ColumnDef } from './schema.ts';

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
	/** What the reshaping did (percentiles, units, dropped pairs); the warnings come first, worded as such. */
	notes: Msg[];
	/** File-level warnings (times implausible for their unit), also at the head of `notes`. */
	warnings: Msg[];
}

/** Which engine wrote a file with these headers, or null (e.g. already our own columns). */
export function detectMatrixFormat(headers: readonly string[]): MatrixFormat | null {
	return matchingFormats(headers)[0] ?? null;
}

/** Every engine whose columns the headers hold, in the order detectMatrixFormat prefers them. */
function matchingFormats(headers: readonly string[]): MatrixFormat[] {
	const h = new Set(headers.map(normaliseHeader));
	const out: MatrixFormat[] = [];
	if (h.has('origin') && h.has('destination') && h.has('percentile') && h.has('time')) out.push('conveyal');
	if (h.has('fromplace') && h.has('toplace') && h.has('duration')) out.push('otp');
	if (h.has('from_id') && h.has('to_id') && [...h].some((x) => x === 'travel_time' || /^travel_time_p\d+$/.test(x))) out.push('r5r');
	return out;
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

/** How many located problems the message of a MatrixFormatError quotes (its `issues` hold up to MAX_ISSUES). */
const LISTED = 5;
const MAX_ISSUES = 200;

/**
 * Plausibility of a file's times as a whole, in minutes after the unit conversion (reached pairs, one p50 each).
 * Origins are municipalities (zones), destinations sites or offices: door to door that takes minutes, rarely hours.
 * - Median below SHORT_MIN (2 min): no matrix of municipalities to sites has a typical trip under two minutes (a
 *   car needs that to leave a village and park). It is what minutes look like where seconds are expected: OTP's
 *   duration 25 (meant as minutes) read as 25 s = 0.42 min.
 * - Median above LONG_MIN (180 min): r5r (max_trip_duration), r5py (max_time) and Conveyal (the analysis' cut-off)
 *   stop at 120 min unless told otherwise, so a typical time beyond three hours is no number of minutes. Seconds
 *   where minutes are expected pass that mark for every trip over three minutes (240 s read as 240 min).
 * The median, not single values: a few very short or very remote pairs are real. One file-level warning, not an
 * error: the validator still checks every value against the column's bounds (0 to 1'440 min).
 */
const SHORT_MIN = 2;
const LONG_MIN = 180;

/** A p50 of the adapted file in minutes, with its row and the value as the file writes it (for the warning). */
interface Timed {
	minutes: number;
	row: number;
	raw: RawCell;
}

const MINUTES: ColumnDef = tables.travel_times.columns.find((c) => c.name === 'minutes_p50')!;
/** OTP's itinerary duration: a plain number of seconds (no clock, no unit words). */
const SECONDS: ColumnDef = { name: 'duration', type: 'number', required: true, description: { de: 'Dauer [s]', en: 'Duration [s]' } };
const PERCENTILE: ColumnDef = { name: 'percentile', type: 'number', required: true, description: { de: 'Perzentil', en: 'Percentile' } };

type Read = number | null | { code: string; msg: Msg };

/**
 * A number column of the engine's file, read as the validator reads a number column (typeCell, the decimal
 * separator decided from all its cells): the number, null for an empty cell, or the validator's message.
 */
function numberReader(def: ColumnDef, cells: readonly RawCell[]): (v: RawCell) => Read {
	const style = decideStyle(cells.map((v) => numberInput(def, v)));
	return (v) => {
		const t = typeCell(def, v, style);
		if (isProblem(t)) return problemMessage(t, def, v, style);
		return typeof t === 'number' ? t : null;
	};
}

/** Key part of an id cell: pairs are matched on the ids as written (trimmed), like the validator's duplicate check. */
const idKey = (v: RawCell): string => (v === null ? '' : v instanceof BadCell ? `\u0001${v.text}` : String(v).trim());

/** A number for a message (two decimals at most). */
const fmt = (n: number, lang: 'de' | 'en'): string => messageNumber(n, lang, 2);

/** Errors of an engine's file, each located like a validation issue (file, row, the user's header), kept and counted by IssueList. */
class Problems extends IssueList {
	constructor(file: string) {
		super(file, MAX_ISSUES);
	}
	/** One error for the lot: the first LISTED by row quoted with row and column, the rest counted. */
	refusal(engine: string): MatrixFormatError {
		const issues = [...this.items].sort((a, b) => a.row! - b.row!);
		const listed = issues.slice(0, LISTED);
		const n = this.errors;
		const more = n - listed.length;
		return new MatrixFormatError(
			{
				de: `${engine}: ${n} Fehler in ${this.file}, nichts umgewandelt. ${listed.map((i) => `Zeile ${i.row}, Spalte «${i.column}»: ${i.message.de}`).join(' ')}${more ? ` … und ${more} weitere.` : ''}`,
				en: `${engine}: ${n} ${n === 1 ? 'error' : 'errors'} in ${this.file}, nothing converted. ${listed.map((i) => `Row ${i.row}, column "${i.column}": ${i.message.en}`).join(' ')}${more ? ` … and ${more} more.` : ''}`
			},
			issues
		);
	}
}

const ENGINE: Record<MatrixFormat, string> = { r5r: 'r5r/r5py', conveyal: 'Conveyal', otp: 'OpenTripPlanner' };

/** The file-level warning when the times as a whole do not fit their unit (see SHORT_MIN, LONG_MIN), else null. */
function unitWarning(format: MatrixFormat, times: readonly Timed[]): Msg | null {
	if (!times.length) return null;
	const sorted = Float64Array.from(times, (t) => t.minutes).sort();
	const n = sorted.length;
	const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	const short = median < SHORT_MIN;
	if (!short && !(median > LONG_MIN)) return null;
	// At least one value lies beyond the mark the median passed.
	const odd = times.filter((t) => (short ? t.minutes < SHORT_MIN : t.minutes > LONG_MIN));
	const first = odd.reduce((a, b) => (b.row < a.row ? b : a));
	const k = odd.length;
	const engine = ENGINE[format];
	const seconds = format === 'otp';
	const raw = show(first.raw);
	const as = {
		de: seconds ? `duration ${raw} s = ${fmt(first.minutes, 'de')} min` : `${raw} min`,
		en: seconds ? `duration ${raw} s = ${fmt(first.minutes, 'en')} min` : `${raw} min`
	};
	const head = {
		de: `Warnung: Einheit prüfen. ${k} von ${n} Reisezeiten ${k === 1 ? 'ist' : 'sind'} ${short ? 'kürzer als 2 Minuten' : 'länger als 3 Stunden'} (Median ${fmt(median, 'de')} min), die erste in Zeile ${first.row}: ${as.de}.`,
		en: `Warning: check the unit. ${k} of ${n} travel times ${k === 1 ? 'is' : 'are'} ${short ? 'shorter than 2 minutes' : 'longer than 3 hours'} (median ${fmt(median, 'en')} min), the first in row ${first.row}: ${as.en}.`
	};
	const hint: Msg = seconds
		? short
			? {
					de: 'Kaum eine Reise von einer Gemeinde zu einem Standort ist so kurz. OpenTripPlanner gibt duration in Sekunden an; stehen in der Datei Minuten, die duration von otp_plan unverändert (in Sekunden) übernehmen.',
					en: "Hardly any trip from a municipality to a site is that short. OpenTripPlanner gives duration in seconds; if the file holds minutes, keep otp_plan's duration as it is (in seconds)."
				}
			: {
					de: 'OpenTripPlanner gibt duration in Sekunden an; stehen in der Datei Millisekunden oder eine andere Einheit?',
					en: 'OpenTripPlanner gives duration in seconds; does the file hold milliseconds or another unit?'
				}
		: short
			? {
					de: `Kaum eine Reise von einer Gemeinde zu einem Standort ist so kurz. Die Zeiten von ${engine} sind Minuten: stehen sie in Stunden, oder ist es die falsche Spalte?`,
					en: `Hardly any trip from a municipality to a site is that short. ${engine} times are minutes: are these in hours, or is it the wrong column?`
				}
			: {
					de: `Die Zeiten von ${engine} sind Minuten, ohne andere Einstellung höchstens 120; das sieht nach Sekunden aus (${raw} s = ${fmt(first.minutes / 60, 'de')} min). Dann die Zeiten durch 60 teilen.`,
					en: `${engine} times are minutes, at most 120 unless told otherwise; these look like seconds (${raw} s = ${fmt(first.minutes / 60, 'en')} min). If so, divide the times by 60.`
				};
	return { de: `${head.de} ${hint.de}`, en: `${head.en} ${hint.en}` };
}

/**
 * Reshape an engine's matrix into `travel_times` columns. Throws a MatrixFormatError (bilingual `messages`,
 * located `issues`) when the format is unknown, a needed column is missing, or a Conveyal or OTP file holds
 * values the engine does not write: a time that is no number, negative (Conveyal: other than −1), an
 * (origin, destination, percentile) twice, a pair without percentile 50, one itinerary with two durations.
 * r5r/r5py values go to the validator as written, which names each bad one with its row and column.
 * Times implausible for their unit as a whole give one warning (`warnings`, also first in `notes`).
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
	const problems = new Problems(parsed.fileName);
	/** The p50 of every adapted row, in minutes: the file's plausibility (unitWarning). */
	const times: Timed[] = [];
	let dropped = 0;
	const cells = (j: number): RawCell[] => parsed.rows.map((r) => r[j]);

	if (format === 'r5r') {
		const o = need('from_id');
		const d = need('to_id');
		const p50 = col('travel_time_p50') >= 0 ? col('travel_time_p50') : col('travel_time');
		if (p50 < 0)
			throw new MatrixFormatError({
				de: `r5r/r5py: keine Spalte für den Median, travel_time_p50 (r5r) oder travel_time (r5py) (vorhanden: ${parsed.headers.join(', ')}). Die Matrix mit Perzentil 50 rechnen.`,
				en: `r5r/r5py: no median column, travel_time_p50 (r5r) or travel_time (r5py) (found: ${parsed.headers.join(', ')}). Compute the matrix with percentile 50.`
			});
		const p80 = col('travel_time_p80');
		const read = numberReader(MINUTES, cells(p50));
		parsed.rows.forEach((r, i) => {
			// Cells go to the validator as written: it reports no number, a negative (r5r/r5py leave unreached
			// pairs out, they have no marker for them) or a repeated pair on its row and column.
			rows.push([r[o], r[d], opts.mode, r[p50], p80 >= 0 ? r[p80] : null, null, null, null, source]);
			rowNumbers.push(parsed.rowNumbers[i]);
			const m = read(r[p50]);
			if (typeof m === 'number' && m >= 0) times.push({ minutes: m, row: parsed.rowNumbers[i], raw: r[p50] });
		});
		// r5py writes travel_time, r5r travel_time_p50: a file with both is read by its median column, said so.
		if (col('travel_time_p50') >= 0 && col('travel_time') >= 0)
			notes.push({ de: 'Spalten travel_time_p50 und travel_time: der Median travel_time_p50 wird gelesen, travel_time nicht.', en: 'Columns travel_time_p50 and travel_time: the median travel_time_p50 is read, travel_time is not.' });
		if (p80 < 0) notes.push({ de: 'Keine Spalte travel_time_p80: minutes_p80 bleibt leer (die Modelle nehmen dann p50).', en: 'No travel_time_p80 column: minutes_p80 stays empty (the model then uses p50).' });
	} else if (format === 'conveyal') {
		const o = need('origin');
		const d = need('destination');
		const p = need('percentile');
		const t = need('time');
		const [hO, hD, hP, hT] = [o, d, p, t].map((j) => parsed.headers[j]);
		const readTime = numberReader(MINUTES, cells(t));
		const readPct = numberReader(PERCENTILE, cells(p));
		interface Pair {
			o: RawCell;
			d: RawCell;
			/** First row of the pair, and the percentiles it has. */
			row: number;
			pcs: number[];
			/** Percentile 50: its row (null: none), minutes (null: not reached, −1) and the cell as written. */
			row50: number | null;
			p50: number | null;
			raw50: RawCell;
			p80: number | null;
		}
		const pairs = new Map<string, Pair>();
		/** First row of each (origin, destination, percentile) and its time as written: a second one is an error. */
		const seen = new Map<string, { row: number; raw: RawCell }>();
		const percentiles = new Set<number>();
		const pair = (r: RawCell[]) => `${hO} ${show(r[o])}, ${hD} ${show(r[d])}`;
		parsed.rows.forEach((r, i) => {
			const row = parsed.rowNumbers[i];
			const pc = readPct(r[p]);
			if (typeof pc !== 'number' || !(pc > 0 && pc < 100)) {
				problems.error(row, hP, 'matrix_bad_percentile', {
					de: `${pc === null ? 'Perzentil fehlt' : `«${show(r[p])}» ist kein Perzentil`}; erwartet: eine Zahl zwischen 0 und 100 wie 50 oder 80 (so schreibt Conveyal sie).`,
					en: `${pc === null ? 'the percentile is empty' : `"${show(r[p])}" is no percentile`}; expected a number between 0 and 100 such as 50 or 80 (as Conveyal writes it).`
				});
				return;
			}
			// Only −1 means "not reached" in Conveyal's output; anything else that is no minutes is an error.
			const time = readTime(r[t]);
			let minutes: number | null | undefined; // undefined: bad (reported)
			if (time === null) {
				problems.error(row, hT, 'matrix_missing_time', {
					de: 'Die Zeit fehlt; Conveyal schreibt Minuten, −1 für «nicht erreicht».',
					en: 'The time is empty; Conveyal writes minutes, −1 for "not reached".'
				});
			} else if (typeof time === 'object') {
				problems.error(row, hT, time.code, { de: `${time.msg.de} Conveyal schreibt Minuten, −1 für «nicht erreicht».`, en: `${time.msg.en} Conveyal writes minutes, −1 for "not reached".` });
			} else if (time < 0 && time !== -1) {
				problems.error(row, hT, 'matrix_negative_time', {
					de: `${fmt(time, 'de')} ist negativ: Conveyal schreibt Minuten ab 0 und nur −1 für «nicht erreicht».`,
					en: `${fmt(time, 'en')} is negative: Conveyal writes minutes from 0, and only −1 for "not reached".`
				});
			} else minutes = time === -1 ? null : time;
			const key = `${idKey(r[o])}\u0000${idKey(r[d])}`;
			const first = seen.get(`${key}\u0000${pc}`);
			if (first) {
				problems.error(row, hO, 'matrix_duplicate', {
					de: `Doppelte Zeile: ${pair(r)}, Perzentil ${fmt(pc, 'de')} wie in Zeile ${first.row} (Zeit dort ${show(first.raw)}, hier ${show(r[t])}). Eine Zeile je Paar und Perzentil: zwei Analysen aneinandergehängt? Die doppelte löschen.`,
					en: `Duplicate row: ${pair(r)}, percentile ${fmt(pc, 'en')} as in row ${first.row} (time there ${show(first.raw)}, here ${show(r[t])}). One row per pair and percentile: two analyses appended? Delete the duplicate.`
				});
				return;
			}
			seen.set(`${key}\u0000${pc}`, { row, raw: r[t] });
			percentiles.add(pc);
			let e = pairs.get(key);
			if (!e) pairs.set(key, (e = { o: r[o], d: r[d], row, pcs: [], row50: null, p50: null, raw50: null, p80: null }));
			e.pcs.push(pc);
			if (pc === 50) {
				e.row50 = row;
				e.raw50 = r[t];
				e.p50 = minutes ?? null;
			} else if (pc === 80) e.p80 = minutes ?? null;
		});
		if (!problems.errors && !percentiles.has(50))
			throw new MatrixFormatError({
				de: `Conveyal: kein Perzentil 50 in der Datei (vorhanden: ${[...percentiles].sort((a, b) => a - b).join(', ')}). Die Regionalanalyse mit Perzentil 50 (und 80) rechnen.`,
				en: `Conveyal: no percentile 50 in the file (found: ${[...percentiles].sort((a, b) => a - b).join(', ')}). Run the regional analysis with percentile 50 (and 80).`
			});
		for (const e of pairs.values()) {
			if (e.row50 === null) {
				// Conveyal writes every percentile of every pair (−1 when not reached): rows were lost, and a p80
				// cannot stand in for minutes_p50. Counting the pair as not reached would count a site as unreachable.
				if (percentiles.has(50))
					problems.error(e.row, hP, 'matrix_missing_p50', {
						de: `${hO} ${show(e.o)}, ${hD} ${show(e.d)} hat Perzentil ${e.pcs.map((x) => fmt(x, 'de')).join(', ')}, aber keine Zeile für Perzentil 50 (daraus kommt minutes_p50). Conveyal schreibt jedes Perzentil jedes Paars: die Datei ist unvollständig (gekürzt oder gefiltert?). Die Ergebnisse der Regionalanalyse erneut herunterladen.`,
						en: `${hO} ${show(e.o)}, ${hD} ${show(e.d)} has percentile ${e.pcs.map((x) => fmt(x, 'en')).join(', ')} but no row for percentile 50 (minutes_p50 comes from it). Conveyal writes every percentile of every pair: the file is incomplete (cut or filtered?). Download the regional analysis results again.`
					});
				continue;
			}
			if (e.p50 === null) {
				dropped++;
				continue;
			}
			rows.push([e.o, e.d, opts.mode, e.p50, e.p80, null, null, null, source]);
			rowNumbers.push(e.row50);
			times.push({ minutes: e.p50, row: e.row50, raw: e.raw50 });
		}
		if (problems.errors) throw problems.refusal('Conveyal');
		if (!percentiles.has(80)) notes.push({ de: 'Kein Perzentil 80: minutes_p80 bleibt leer.', en: 'No percentile 80: minutes_p80 stays empty.' });
	} else {
		const o = need('fromplace');
		const d = need('toplace');
		const dur = need('duration');
		const tr = col('transfers');
		const ro = col('route_option');
		const [hO, hD, hDur] = [o, d, dur].map((j) => parsed.headers[j]);
		const read = numberReader(SECONDS, cells(dur));
		/** Per pair the fastest itinerary: first row of the pair, seconds, the fastest one's row and cell. */
		const best = new Map<string, { o: RawCell; d: RawCell; row: number; s: number; srow: number; raw: RawCell; transfers: RawCell }>();
		/** Per (pair, route_option) its first row and duration: every leg of an itinerary repeats the same duration. */
		const itineraries = new Map<string, { row: number; s: number; raw: RawCell }>();
		// otp_plan leaves pairs without an itinerary out (it reports them as an R warning): no marker such as NA
		// or −1 means "not reached", so a duration that is no number of seconds ≥ 0 is an error.
		const hint = { de: 'otp_plan schreibt die Dauer jeder Verbindung in Sekunden und lässt Paare ohne Verbindung aus.', en: "otp_plan writes each itinerary's duration in seconds and leaves pairs without an itinerary out." };
		parsed.rows.forEach((r, i) => {
			const row = parsed.rowNumbers[i];
			const s = read(r[dur]);
			if (s === null) return problems.error(row, hDur, 'matrix_missing_duration', { de: `Die Dauer fehlt. ${hint.de}`, en: `The duration is empty. ${hint.en}` });
			if (typeof s === 'object') return problems.error(row, hDur, s.code, { de: `${s.msg.de} ${hint.de}`, en: `${s.msg.en} ${hint.en}` });
			if (s < 0)
				return problems.error(row, hDur, 'matrix_negative_duration', {
					de: `${fmt(s, 'de')} ist negativ: eine Dauer in Sekunden ist 0 oder mehr.`,
					en: `${fmt(s, 'en')} is negative: a duration in seconds is 0 or more.`
				});
			const key = `${idKey(r[o])}\u0000${idKey(r[d])}`;
			if (ro >= 0) {
				const k = `${key}\u0000${idKey(r[ro])}`;
				const first = itineraries.get(k);
				if (!first) itineraries.set(k, { row, s, raw: r[dur] });
				else if (first.s !== s)
					return problems.error(row, hDur, 'matrix_duplicate', {
						de: `${hO} ${show(r[o])}, ${hD} ${show(r[d])}, route_option ${show(r[ro])}: Dauer ${show(r[dur])} s, in Zeile ${first.row} ${show(first.raw)} s. Die Zeilen einer Verbindung (ihre Etappen) tragen dieselbe Dauer: mehrere otp_plan-Läufe aneinandergehängt? Einen Lauf umwandeln.`,
						en: `${hO} ${show(r[o])}, ${hD} ${show(r[d])}, route_option ${show(r[ro])}: duration ${show(r[dur])} s, in row ${first.row} ${show(first.raw)} s. The rows of one itinerary (its legs) carry the same duration: several otp_plan runs appended? Convert one run.`
					});
			}
			const e = best.get(key);
			if (!e || s < e.s) best.set(key, { o: r[o], d: r[d], row: e?.row ?? row, s, srow: row, raw: r[dur], transfers: tr >= 0 ? r[tr] : null });
		});
		if (problems.errors) throw problems.refusal('OpenTripPlanner');
		for (const e of best.values()) {
			const minutes = Math.round((e.s / 60) * 100) / 100;
			rows.push([e.o, e.d, opts.mode, minutes, null, null, null, e.transfers, source]);
			rowNumbers.push(e.row);
			times.push({ minutes, row: e.srow, raw: e.raw });
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
	const warnings: Msg[] = [];
	// Columns of two engines in one file (two exports joined?): the one read is said, and the other not used.
	const others = opts.format ? [] : matchingFormats(parsed.headers).filter((f) => f !== format);
	if (others.length)
		warnings.push({
			de: `Warnung: Die Spalten passen zu ${others.map((f) => ENGINE[f]).join(' und ')} und zu ${ENGINE[format]}; gelesen als ${ENGINE[format]}, die übrigen Spalten werden nicht verwendet. Eine Datei je Matrix laden.`,
			en: `Warning: the columns fit ${others.map((f) => ENGINE[f]).join(' and ')} as well as ${ENGINE[format]}; read as ${ENGINE[format]}, the other columns are not used. Load one file per matrix.`
		});
	const unit = unitWarning(format, times);
	if (unit) warnings.push(unit);
	return {
		parsed: { ...parsed, headers: OUT_HEADERS.slice(), rows, rowNumbers },
		format,
		dropped,
		// Warnings first: the CLI prints the notes and the data page lists them, neither knows `warnings`.
		notes: [...warnings, ...notes],
		warnings
	};
}

export class MatrixFormatError extends Error {
	constructor(
		readonly messages: Msg,
		/** The located problems behind the message (Conveyal/OTP values), as validation issues; empty for a file-level one. */
		readonly issues: ImportIssue[] = []
	) {
		super(messages.en);
		this.name = 'MatrixFormatError';
	}
}
