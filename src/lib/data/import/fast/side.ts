/**
 * The JavaScript half of the fast path (fast/run.ts), around an open ImportSession: whether the file may
 * take it, the byte scan, the location step on DuckDB's typed location inputs, and the summary. In the
 * app it runs in the import worker (its methods are RPC calls: plain data and typed arrays only); in Node
 * in-process.
 */
import type { CellValue } from '../../arrow.ts';
import { GEOCODE_QUALITIES, tables, type ColumnDef } from '../../schema.ts';
import { bytesSource, type ByteSource } from '../../../util/bytes.ts';
import type { ImportSession } from '../stream.ts';
import { SAMPLE_ROWS, type ValidationResult } from '../validate.ts';
import { importColumns } from '../mapping.ts';
import { windows1252ToUtf8 } from '../../../util/windows-1252.ts';
import { ENCODING_LABEL, utf8Copy, type TextEncoding } from '../encoding.ts';
import { readCoordinatePair } from '../coordinate-text.ts';
import { SliceScanner, type Extract, type ScanResult, type ScanSlice } from './scan.ts';
import { LOCATION_INPUTS } from './sql.ts';
import type { FastColumn, FastPlan } from './sql.ts';

/** The plan without what the caller decides (the name in DuckDB) and what the scan finds (separator, whitespace). */
export type FastPrep = Omit<FastPlan, 'file' | 'commaColumns' | 'edges'> & {
	/** File columns that hold numbers (for the scan). */
	numberColumns: number[];
	/** Of those, whole-number columns. */
	integerColumns: number[];
};

/** The location step's output for point tables: WGS84 point, zone (NaN = none), index into GEOCODE_QUALITIES. */
export interface Located {
	/** Null when the points are the input lon/lat unchanged (then DuckDB keeps its own). */
	lon: Float64Array | null;
	lat: Float64Array | null;
	zone: Float64Array;
	/** Per row, or one index for all rows (the usual case: every row 'coordinates'). */
	q: Float64Array | number;
}

/** Inputs the fast path reads itself; address matching and engine matrices stay with the reference path. */
const ADDRESS_INPUTS = new Set(['address', 'street', 'house_number', 'locality', 'municipality']);

/** Rows per block of the location step (a block's cell values are plain JS arrays). */
const LOCATE_BLOCK = 65_536;

/** Slices: the first small, so DuckDB starts early; then doubling up to 16 MB (each DuckDB statement has its overhead: 4 MB slices were slower, 8–64 MB alike). */
const FIRST_SLICE_BYTES = 1 << 20;
const SLICE_BYTES = 16 << 20;

/**
 * Files in an encoding the scan does not read (UTF-16, Mac Roman, code page 850) up to this size go the
 * fast way, through a UTF-8 copy in memory (half the size of UTF-16, about the size of the others); larger
 * ones stream by the reference path.
 */
const MAX_COPY_BYTES = 512 << 20;
/** The copy's share of the progress bar (1 M rows of UTF-16 in chromium: ~1 s of ~5 s). */
const COPY_SHARE = 0.2;
/** Whether the scan and DuckDB read a UTF-8 copy of the file (Windows-1252 is transcoded slice by slice). */
const readAsCopy = (e: TextEncoding) => e !== 'utf-8' && e !== 'windows-1252';

const COORDINATE_INPUTS = new Set(['lon', 'lat', 'e', 'n']);
const COORDINATES = GEOCODE_QUALITIES.indexOf('coordinates');

/** Whether a[i] === b[from + i] for every i of a (NaN never is). */
function sameValues(a: Float64Array, b: Float64Array, from: number): boolean {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[from + i]) return false;
	return true;
}

const QUALITY_SPELLING = new Map<string, string>(GEOCODE_QUALITIES.map((q) => [q.toLowerCase(), q]));
const QUALITY_INDEX = new Map<string, number>(GEOCODE_QUALITIES.map((q, i) => [q, i]));

/** How the file is cut into slices (tests make them tiny, to put slice ends everywhere). */
export interface FastSliceOptions {
	firstSliceBytes?: number;
	sliceBytes?: number;
	/** Bytes read and scanned at a time. */
	chunkBytes?: number;
	/** Each slice carries its bytes: the import worker hands them to DuckDB, so the file is read once, not twice. */
	keepBytes?: boolean;
}

/** One slice for DuckDB: its bytes and rows, the scan of the file so far, the location step on its rows. */
export interface FastSlice extends ScanSlice {
	scan: ScanResult;
	located: Located | 'none' | false;
	/** The worker's time so far: reading the file, scanning, the location step. */
	ms: Record<string, number>;
}

export class FastSide {
	private scanner: SliceScanner | null = null;
	private locateMs = 0;
	private transcodeMs = 0;
	/** Where the scan's progress starts on the bar (after the UTF-16 copy, if any). */
	private progressFrom = 0;
	/** Location inputs the scan extracts (schema column, file column). */
	private wanted: { name: string; index: number }[] = [];
	constructor(
		private readonly s: ImportSession,
		private readonly src: ByteSource,
		private readonly slicing: FastSliceOptions = {}
	) {}

	/** The plan, or the reason the file goes the reference way. */
	plan(): { prep: FastPrep } | { reason: string } {
		const s = this.s;
		const csv = s.csv;
		if (s.format !== 'csv' || !csv) return { reason: 'not a plain CSV' };
		if (readAsCopy(csv.encoding) && this.src.size > MAX_COPY_BYTES) return { reason: `${ENCODING_LABEL[csv.encoding]} too large to copy as UTF-8` };
		if (s.headers.length < 2) return { reason: 'one column' };
		if (s.checks.errorCount > 0) return { reason: 'file-level errors' };
		if (s.checks.perMonth.size > 0) return { reason: 'a column given per month' };
		const table = s.checks.table;
		const columns: FastColumn[] = [];
		for (const def of importColumns(table) as ColumnDef[]) {
			const h = s.mapping[def.name];
			if (h === undefined) continue;
			// (offices.address and sites.municipality are also stored columns: rows without coordinates then fail
			// the location step here and the reference path places them.)
			if (ADDRESS_INPUTS.has(def.name) && !(def.name === 'address' && table === 'offices') && !(def.name === 'municipality' && table === 'sites')) return { reason: 'addresses to geocode' };
			const index = s.headers.indexOf(h);
			if (index < 0) return { reason: 'mapping' };
			columns.push({ def, index });
		}
		const numeric = columns.filter((c) => c.def.type === 'number' || c.def.type === 'integer' || c.def.type === 'lon' || c.def.type === 'lat');
		return {
			prep: {
				table,
				delimiter: csv.delimiter,
				headerLine: csv.headerLine,
				width: s.headers.length,
				columns,
				numberColumns: numeric.map((c) => c.index),
				integerColumns: numeric.filter((c) => c.def.type === 'integer').map((c) => c.index)
			}
		};
	}

	/**
	 * The next slice of the file (fast/scan.ts SliceScanner): its byte range and rows, the scan so far, and
	 * the location step on its rows. Null after the last.
	 */
	async slice(prep: FastPrep, signal?: AbortSignal, onProgress?: (fraction: number) => void): Promise<FastSlice | null> {
		if (!this.scanner) {
			const csv = this.s.csv!;
			const wanted = prep.columns.filter((c) => (LOCATION_INPUTS as readonly string[]).includes(c.def.name));
			this.wanted = wanted.map((c) => ({ name: c.def.name, index: c.index }));
			const extract: Extract[] = wanted.map((c) => ({ index: c.index, kind: c.def.type === 'text' ? 'text' : 'number' }));
			// UTF-16 (Excel's "Unicode text") is no byte-level CSV (every other byte zero), and the scan knows the
			// letters of Windows-1252 only: the scan and DuckDB read a UTF-8 copy of the text (made in one pass).
			let src = this.src;
			let start = csv.start;
			if (readAsCopy(csv.encoding)) {
				const t = performance.now();
				src = bytesSource(await utf8Copy(this.src, csv.encoding, csv.start, { signal, onProgress: (f) => onProgress?.(COPY_SHARE * f) }));
				this.progressFrom = COPY_SHARE;
				start = 0;
				this.transcodeMs += performance.now() - t;
			}
			this.scanner = new SliceScanner(src, {
				delimiter: csv.delimiter,
				encoding: csv.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8',
				headerLine: csv.headerLine,
				width: prep.width,
				numberColumns: prep.numberColumns,
				extract,
				sampleRows: SAMPLE_ROWS,
				start,
				firstSliceBytes: this.slicing.firstSliceBytes ?? FIRST_SLICE_BYTES,
				sliceBytes: this.slicing.sliceBytes ?? SLICE_BYTES,
				chunkBytes: this.slicing.chunkBytes,
				// DuckDB reads UTF-8 only: the slices of a file in another encoding go to it as bytes transcoded here.
				keepBytes: this.slicing.keepBytes || csv.encoding !== 'utf-8'
			});
		}
		const from = this.progressFrom;
		const next = await this.scanner.next({ signal, onProgress: onProgress && ((f) => onProgress(from + (1 - from) * f)) });
		if (!next) return null;
		const scan = this.scanner.result();
		if (this.s.csv!.encoding === 'windows-1252' && scan.safe) {
			const t = performance.now();
			// Without the first slice's BOM (a UTF-8 BOM over a Windows-1252 body): not text, and the header line is skipped anyway.
			const bytes = next.from === 0 ? next.bytes!.subarray(this.s.csv!.start) : next.bytes!;
			next.bytes = windows1252ToUtf8(bytes);
			this.transcodeMs += performance.now() - t;
		}
		// A file the scan doubts goes the reference way: no need to locate its rows.
		const t0 = performance.now();
		const located = scan.safe ? this.locate(next.firstRow, next.firstRow + next.rows) : false;
		this.locateMs += performance.now() - t0;
		const ms: Record<string, number> = { 'file read (waiting)': Math.round(this.scanner.ms.read), scan: Math.round(this.scanner.ms.scan), locate: Math.round(this.locateMs) };
		if (this.transcodeMs) ms['to UTF-8'] = Math.round(this.transcodeMs);
		return { ...next, scan, located, ms };
	}

	/**
	 * The location step on the scanned rows [from, to) (point tables: locate; zone tables: the lon/lat
	 * check; others: only counted), in blocks of LOCATE_BLOCK rows so the JS heap holds one block of cell
	 * values. False when any row got a message (the reference path will name it); the located columns for
	 * point tables.
	 */
	private locate(from: number, to: number): Located | 'none' | false {
		const n = to - from;
		const point = tables[this.s.checks.table].location === 'point';
		const out = { lon: new Float64Array(point ? n : 0), lat: new Float64Array(point ? n : 0), zone: new Float64Array(point ? n : 0), q: new Float64Array(point ? n : 0) };
		const inputs = this.wanted.map((c) => ({ name: c.name, values: this.scanner!.values(c.index)! }));
		const inLon = inputs.find((c) => c.name === 'lon')?.values;
		const inLat = inputs.find((c) => c.name === 'lat')?.values;
		if (point) {
			const typed = this.coordinatePairs(inputs, from, n);
			if (typed && this.s.checks.locateCoordinates(typed, 0, n, out, 0)) {
				const same = inLon instanceof Float64Array && inLat instanceof Float64Array && sameValues(out.lon, inLon, from) && sameValues(out.lat, inLat, from);
				return { lon: same ? null : out.lon, lat: same ? null : out.lat, zone: out.zone, q: COORDINATES };
			}
		}
		// Points that are the file's own WGS84 lon/lat need not travel back: DuckDB has read them already.
		let same = inLon instanceof Float64Array && inLat instanceof Float64Array;
		const put = (to: Float64Array, from: CellValue[] | undefined, at: number, m: number) => {
			for (let i = 0; i < m; i++) to[at + i] = typeof from?.[i] === 'number' ? (from[i] as number) : NaN;
		};
		for (let at = 0; at < n; at += LOCATE_BLOCK) {
			const m = Math.min(LOCATE_BLOCK, n - at);
			const first = from + at;
			const values: Record<string, CellValue[]> = {};
			for (const c of inputs) {
				const v = c.values;
				const block = new Array<CellValue>(m);
				if (Array.isArray(v)) {
					// Text as the typing step leaves it: trimmed, empty = null, allowed values in their spelling.
					const spelling = c.name === 'geocode_quality' ? QUALITY_SPELLING : null;
					for (let i = 0; i < m; i++) {
						const t = v[first + i]?.trim();
						block[i] = t ? (spelling?.get(t.toLowerCase()) ?? t) : null;
					}
				}
				else for (let i = 0; i < m; i++) block[i] = Number.isNaN(v[first + i]) ? null : v[first + i];
				values[c.name] = block;
			}
			if (!this.s.checks.locateTyped(values, m)) return false;
			if (!point) continue;
			put(out.lon, values.lon, at, m);
			put(out.lat, values.lat, at, m);
			put(out.zone, values.zone_id, at, m);
			for (let i = 0; i < m; i++) out.q[at + i] = QUALITY_INDEX.get(values.geocode_quality[i] as string) ?? GEOCODE_QUALITIES.length - 1;
			for (let i = 0; same && i < m; i++) same = values.lon[i] === (inLon as Float64Array)[first + i] && values.lat[i] === (inLat as Float64Array)[first + i];
		}
		if (!point) return 'none';
		let one = n > 0;
		for (let i = 1; one && i < n; i++) one = out.q[i] === out.q[0];
		return { lon: same ? null : out.lon, lat: same ? null : out.lat, zone: out.zone, q: one ? out.q[0] : out.q };
	}

	/**
	 * Rows [from, from + n) of the coordinate pairs as typed columns (NaN = empty), in the validator's order
	 * (lon/lat, E/N, a point in one cell), when they are the only location inputs; else null. A point in one
	 * cell is read as the validator reads it (readCoordinatePair); a cell that is no point gives null (the
	 * generic step then names it).
	 */
	private coordinatePairs(inputs: { name: string; values: Float64Array | (string | null)[] }[], from: number, n: number): { a: Float64Array; b: Float64Array }[] | null {
		const col = (name: string) => inputs.find((c) => c.name === name)?.values;
		if (inputs.some((c) => (c.name === 'coordinates' ? !Array.isArray(c.values) : !(c.values instanceof Float64Array) || !COORDINATE_INPUTS.has(c.name)))) return null;
		const pairs: { a: Float64Array; b: Float64Array }[] = [];
		for (const [a, b] of [['lon', 'lat'], ['e', 'n']] as const) {
			const x = col(a);
			const y = col(b);
			if (x && y) pairs.push({ a: (x as Float64Array).subarray(from, from + n), b: (y as Float64Array).subarray(from, from + n) });
		}
		const cells = col('coordinates') as (string | null)[] | undefined;
		if (cells) {
			const a = new Float64Array(n).fill(NaN);
			const b = new Float64Array(n).fill(NaN);
			for (let i = 0; i < n; i++) {
				const t = cells[from + i]?.trim();
				if (!t) continue;
				const p = readCoordinatePair(t);
				if (!p) return null;
				a[i] = p.a;
				b[i] = p.b;
			}
			pairs.push({ a, b });
		}
		return pairs;
	}

	/** Issues (file-level only: a row-level one would have sent the file the reference way), preview, statistics. */
	finish(preview: Record<string, CellValue>[]): Omit<ValidationResult, 'arrow'> {
		this.s.checks.setPreview(preview);
		return this.s.finish();
	}
}
