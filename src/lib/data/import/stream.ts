/**
 * Streaming import: a file (File/Blob, or bytes) goes through read -> map -> validate/type chunk by
 * chunk, and each chunk leaves as an Arrow table for DuckDB's staging table; no step holds the whole
 * file as text or as JS row objects. CSV streams by byte chunks (csv-stream.ts), Parquet by row group
 * (read-parquet.ts); XLSX and GeoJSON, which have no streaming reader, are read whole and then sliced.
 *
 *   const s = await ImportSession.open('customers', { fileName, blob: file }, { refs, mapping });
 *   await stageBegin(db, 'customers');
 *   for (let c = await s.next(signal); c; c = await s.next(signal)) await stageAppend(db, 'customers', c.batch);
 *   const res = s.finish();                       // issues (capped), preview, stats, mapping
 *   if (!res.stats.errors) await stageCommit(db, 'customers'); else await stageDrop(db, 'customers');
 *
 * importToDb() does exactly that (Node, CLI, benchmarks); the app runs ImportSession in the import
 * worker (worker-handlers.ts) and the staging calls on the page.
 *
 * travel_times without a mode of their own: a matrix written by r5r/r5py, Conveyal or OpenTripPlanner
 * (detected from the headers; an r5r file with its own mode column maps directly) is read whole, reshaped
 * by adaptTravelTimeMatrix (../travel-time-formats.ts; these matrices are zones × sites, small) and then
 * validated like any file; a file with our columns but no mode column gets a constant `mode` column.
 * Either way `matrixMode` (pt|car) sets every row's mode; without it an engine's matrix is refused by
 * `next` (file-level issue) and our own columns report `mode` missing, as before. `session.matrix` tells
 * the page which case it is.
 */
import { Table } from 'apache-arrow';
import type { Db } from '../db/connector.ts';
import type { GeoRefs } from '../geocode.ts';
import { stageAppend, stageBegin, stageCommit, stageDrop } from '../replace.ts';
import type { TableName } from '../schema.ts';
import { blobSource, bytesSource, CsvReader, type BlobLike, type ByteSource, type RowChunk } from './csv-stream.ts';
import { fileError, fileIssue, ImportCancelled, ImportFileError, MSG_CANCELLED } from './issues.ts';
import type { ColumnMapping } from './mapping.ts';
import { suggestMapping } from './mapping.ts';
import { formatOf } from './parse.ts';
import { HEAD_BYTES, readFormat } from './content-format.ts';
import type { TextEncoding } from './encoding.ts';
import { settleHeaders } from './header-row.ts';
import type { FileFormat, FileInput, ImportIssue, Msg, ParsedFile, RawCell } from './types.ts';
import {
	adaptTravelTimeMatrix,
	addedColumnName,
	detectMatrixFormat,
	MATRIX_HEADERS,
	MatrixFormatError,
	matrixSourceColumns,
	type MatrixFormat,
	type MatrixMode
} from '../travel-time-formats.ts';
import { otherSheets, SAMPLE_ROWS, TableValidator, type ValidationResult } from './validate.ts';
import { fastImport, notUtf8AfterAll, type FastOutcome } from './fast/run.ts';
import { FastSide, type FastPrep, type FastSliceOptions } from './fast/side.ts';

/** A file to stream: a File/Blob (read by slices) or bytes already in memory. */
export type StreamInput = FileInput | { fileName: string; blob: BlobLike };

/** Rows validated per step; between steps the session yields, so a cancel can arrive. */
const STEP_ROWS = 16_384;
const yieldNow = () => new Promise<void>((r) => setTimeout(r, 0));

/** Rows of any supported format, chunk by chunk. */
interface RowSource {
	format: FileFormat;
	headers: string[];
	info: ParsedFile['info'];
	readonly fraction: number;
	next(signal?: AbortSignal): Promise<RowChunk | null>;
	/** CSV: how the text lies in the file (for the fast path, fast/run.ts). */
	csv?: CsvLayout;
}

/** Where a CSV's rows start and how they are written. */
export interface CsvLayout {
	delimiter: string;
	encoding: TextEncoding;
	/** Physical line of the header row. */
	headerLine: number;
	/** Bytes of a byte-order mark. */
	start: number;
}

/** A travel_times file that carries no mode: an engine's matrix, or our columns without `mode`. */
export interface MatrixInfo {
	/** The engine that wrote the file (r5r/r5py, Conveyal, OTP), or null when only `mode` is missing. */
	format: MatrixFormat | null;
	/** Mode given to every row; null = none chosen yet (then `next` refuses). */
	mode: MatrixMode | null;
	/** Origin-destination pairs the engine did not reach (left out); known after the first `next`. */
	dropped: number;
	/** What the reshaping did (percentiles, units, dropped pairs); known after the first `next`. */
	notes: Msg[];
}

const MSG_MODE_REQUIRED: Msg = {
	de: 'Die Datei enthält kein Verkehrsmittel (mode): «Verkehrsmittel aller Zeilen» wählen (ÖV oder Auto).',
	en: 'The file has no mode: choose the "mode of all rows" (public transport or car).'
};

/** An engine's matrix, read whole on the first `next`, reshaped into travel_times columns, then sliced. */
function adaptedRows(raw: RowSource, fileName: string, info: MatrixInfo & { format: MatrixFormat }): RowSource {
	let served: RowSource | null = null;
	return {
		format: raw.format,
		headers: MATRIX_HEADERS.slice(),
		info: raw.info,
		get fraction() {
			return served ? served.fraction : 0;
		},
		async next(signal) {
			if (!info.mode) throw new ImportFileError('mode_required', MSG_MODE_REQUIRED);
			if (!served) {
				const rows: RawCell[][] = [];
				const rowNumbers: number[] = [];
				for (let c = await raw.next(); c; c = await raw.next()) {
					if (signal?.aborted) throw new ImportCancelled();
					for (let i = 0; i < c.rows.length; i++) {
						rows.push(c.rows[i]);
						rowNumbers.push(c.rowNumbers[i]);
					}
				}
				let a;
				try {
					a = adaptTravelTimeMatrix({ fileName, format: raw.format, headers: raw.headers, rows, rowNumbers, info: raw.info }, { mode: info.mode, format: info.format });
				} catch (e) {
					if (e instanceof MatrixFormatError) throw new ImportFileError('matrix_format', e.messages);
					throw e;
				}
				info.dropped = a.dropped;
				info.notes = a.notes;
				served = sliced(a.parsed);
			}
			return served.next();
		}
	};
}

/** Our own travel_times columns without `mode`: every row gets `mode` in an added column `header`. */
function withConstantMode(raw: RowSource, header: string, info: MatrixInfo): RowSource {
	return {
		format: raw.format,
		headers: [...raw.headers, header],
		info: raw.info,
		get fraction() {
			return raw.fraction;
		},
		async next() {
			if (!info.mode) throw new ImportFileError('mode_required', MSG_MODE_REQUIRED);
			const c = await raw.next();
			if (c) for (const r of c.rows) r[raw.headers.length] = info.mode;
			return c;
		}
	};
}

function byteSource(input: StreamInput): ByteSource {
	return 'blob' in input ? blobSource(input.blob) : bytesSource(input.bytes);
}

async function allBytes(input: StreamInput): Promise<Uint8Array> {
	return 'blob' in input ? new Uint8Array(await input.blob.slice(0, input.blob.size).arrayBuffer()) : input.bytes;
}

/** Rows of an already parsed file, handed out in slices. */
function sliced(p: ParsedFile): RowSource {
	let at = 0;
	return {
		format: p.format,
		headers: p.headers,
		info: p.info,
		get fraction() {
			return p.rows.length ? at / p.rows.length : 1;
		},
		async next() {
			if (at >= p.rows.length) return null;
			const end = Math.min(p.rows.length, at + 8 * STEP_ROWS);
			const c = { rows: p.rows.slice(at, end), rowNumbers: p.rowNumbers.slice(at, end) };
			at = end;
			return c;
		}
	};
}

/** How a file is opened (the reading part of SessionOptions). */
type OpenOptions = Pick<SessionOptions, 'sheet' | 'headerRow' | 'chunkBytes' | 'signal' | 'fastOpen'>;

async function openRows(input: StreamInput, opts: OpenOptions): Promise<RowSource> {
	const src = byteSource(input);
	if (src.size === 0) throw new ImportFileError('empty_file', { de: 'Die Datei ist leer.', en: 'The file is empty.' });
	const { format, note } = readFormat(input.fileName, await src.read(0, Math.min(src.size, HEAD_BYTES)));
	const rows = await openRowsAs(format, input, src, opts);
	settleHeaders(rows, note);
	return rows;
}

async function openRowsAs(
	format: FileFormat,
	input: StreamInput,
	src: ByteSource,
	opts: OpenOptions
): Promise<RowSource> {
	switch (format) {
		case 'csv': {
			const r = await CsvReader.open(src, { chunkBytes: opts.chunkBytes, signal: opts.signal, headerRow: opts.headerRow, headOnly: opts.fastOpen });
			const csv = { delimiter: r.info.delimiter, encoding: r.info.encoding, headerLine: r.headerLine, start: r.start };
			return { format, headers: r.headers, info: { ...r.info }, csv, next: () => r.next(), get fraction() { return r.fraction; } };
		}
		case 'parquet': {
			const { openParquetRows } = await import('./read-parquet.ts');
			const r = await openParquetRows({ byteLength: src.size, slice: async (s, e) => (await src.read(s, e ?? src.size)).slice().buffer as ArrayBuffer });
			return { format, headers: r.headers, info: {}, next: () => r.next(), get fraction() { return r.fraction; } };
		}
		case 'xlsx': {
			const { readXlsx } = await import('./read-xlsx.ts');
			return sliced(await readXlsx({ fileName: input.fileName, bytes: await allBytes(input) }, { sheet: opts.sheet, headerRow: opts.headerRow }));
		}
		case 'geojson': {
			const { readGeojson } = await import('./read-geojson.ts');
			return sliced(await readGeojson({ fileName: input.fileName, bytes: await allBytes(input) }));
		}
	}
}

export interface SessionOptions {
	mapping?: ColumnMapping;
	refs?: GeoRefs;
	sheet?: string;
	/** Row (XLSX) or line (CSV) of the header; default: found from the first rows. */
	headerRow?: number;
	maxIssues?: number;
	previewRows?: number;
	/** CSV read size in bytes (default 4 MB). */
	chunkBytes?: number;
	signal?: AbortSignal;
	/** travel_times: mode of every row when the file has none (engine matrices; see MatrixInfo). */
	matrixMode?: MatrixMode | null;
	/**
	 * Open for the fast path only (import/fast/): the encoding is checked on the first chunk; the fast
	 * path's own readers refuse invalid UTF-8 later, and the reference path opens the file anew.
	 */
	fastOpen?: boolean;
}

/** One file being imported: headers known after `open`, then chunk after chunk of typed rows. */
export class ImportSession {
	private constructor(
		readonly fileName: string,
		private readonly rows: RowSource,
		private readonly validator: TableValidator,
		/** travel_times without a mode column (engine matrix, or mode missing), else null. */
		readonly matrix: MatrixInfo | null = null,
		/** Issue column -> the user's header it came from (engine matrices are reshaped). */
		private readonly relabel: Record<string, string> = {}
	) {}

	static async open(table: TableName, input: StreamInput, opts: SessionOptions = {}): Promise<ImportSession> {
		if (opts.signal?.aborted) throw new ImportCancelled();
		let rows = await openRows(input, opts);
		let mapping = opts.mapping;
		let matrix: MatrixInfo | null = null;
		let relabel: Record<string, string> = {};
		if (table === 'travel_times') {
			const mode = opts.matrixMode ?? null;
			const hasMode = suggestMapping(table, rows.headers, mapping).mapping.mode !== undefined;
			// An r5r file with a mode column of its own (e.g. pt and car rows) maps directly through the
			// header aliases; otp_plan's `mode` is the leg's (WALK, BUS), never ours.
			const detected = detectMatrixFormat(rows.headers);
			const format = detected === 'r5r' && hasMode ? null : detected;
			if (format) {
				relabel = matrixSourceColumns(format, rows.headers);
				const info = (matrix = { format, mode, dropped: 0, notes: [] });
				rows = adaptedRows(rows, input.fileName, info);
			} else if (!hasMode) {
				matrix = { format: null, mode, dropped: 0, notes: [] };
				if (mode) {
					const header = addedColumnName(rows.headers, 'mode');
					rows = withConstantMode(rows, header, matrix);
					mapping = { ...mapping, mode: header };
				}
			}
		}
		const v = new TableValidator(table, rows.headers, input.fileName, mapping, opts.refs, { maxIssues: opts.maxIssues, previewRows: opts.previewRows, notes: rows.info.notes, otherSheets: otherSheets(rows.info), delimiter: rows.info.delimiter });
		return new ImportSession(input.fileName, rows, v, matrix, relabel);
	}

	get headers(): string[] {
		return this.rows.headers;
	}
	/** CSV layout, when the file is a CSV read as it is (not reshaped). */
	get csv(): CsvLayout | null {
		return this.matrix ? null : (this.rows.csv ?? null);
	}
	/** The validator (the fast path types rows in DuckDB and hands it only the location step and the summary). */
	get checks(): TableValidator {
		return this.validator;
	}
	get format(): FileFormat {
		return this.rows.format;
	}
	get info(): ParsedFile['info'] {
		return this.rows.info;
	}
	/** The mapping in use (automatic matches plus the user's overrides). */
	get mapping(): ColumnMapping {
		return this.validator.mapping;
	}
	/** Share of the file validated so far (bytes for CSV, rows for Parquet). */
	get fraction(): number {
		return this.done;
	}
	get rowCount(): number {
		return this.validator.rowCount;
	}
	/** Errors so far: once there is one, the rows need not be staged any more (the commit is refused). */
	get errorCount(): number {
		return this.validator.errorCount;
	}

	/**
	 * Read, validate and type the next chunk: its Arrow table, or null at the end of the file.
	 * Throws ImportCancelled when `signal` fires (checked every few thousand rows), ImportFileError
	 * when the file turns out damaged midway.
	 */
	async next(signal?: AbortSignal, onStep?: (fraction: number, rows: number) => void): Promise<{ batch: Table; rows: number; fraction: number } | null> {
		if (signal?.aborted) throw new ImportCancelled();
		const before = this.done;
		const got = await this.nextChunk(signal);
		if (!got) return null;
		const { chunk, fraction: after } = got;
		this.done = after;
		const parts: Table[] = [];
		const n = chunk.rows.length;
		for (let s = 0; s < n; s += STEP_ROWS) {
			if (s > 0) {
				// Progress inside the chunk (the bar moves while a 4 MB chunk is validated), then a cancel point.
				onStep?.(before + ((after - before) * s) / n, this.validator.rowCount);
				await yieldNow();
				if (signal?.aborted) throw new ImportCancelled();
			}
			parts.push(this.validator.push(chunk.rows.slice(s, s + STEP_ROWS), chunk.rowNumbers.slice(s, s + STEP_ROWS)));
		}
		const batch = parts.length === 1 ? parts[0] : new Table(parts.flatMap((p) => p.batches));
		return { batch, rows: chunk.rows.length, fraction: after };
	}

	private sampled = false;
	/** Share of the file validated so far (the reader may be ahead of it). */
	private done = 0;
	/** Chunks read ahead to decide the number formats, handed out one by one with the share read after each. */
	private ahead: { chunk: RowChunk; fraction: number }[] = [];

	/**
	 * The next chunk; before the first, read ahead to SAMPLE_ROWS rows (however many chunks) and let them
	 * decide each column's number format, so the decision does not depend on the chunk size.
	 */
	private async nextChunk(signal?: AbortSignal): Promise<{ chunk: RowChunk; fraction: number } | null> {
		if (!this.sampled) {
			this.sampled = true;
			let n = 0;
			while (n < SAMPLE_ROWS) {
				const chunk = await this.rows.next(signal);
				if (!chunk) break;
				this.ahead.push({ chunk, fraction: this.rows.fraction });
				n += chunk.rows.length;
				if (signal?.aborted) throw new ImportCancelled();
			}
			this.validator.sample(this.ahead.flatMap((a) => a.chunk.rows).slice(0, SAMPLE_ROWS));
		}
		const a = this.ahead.shift();
		if (a) return a;
		const chunk = await this.rows.next(signal);
		return chunk ? { chunk, fraction: this.rows.fraction } : null;
	}

	/** Issues (sorted, capped), preview and statistics, once `next` returned null. */
	finish(): Omit<ValidationResult, 'arrow'> {
		const r = this.validator.finish();
		const rl = this.relabel;
		return Object.keys(rl).length ? { ...r, issues: r.issues.map((i) => (i.column && rl[i.column] ? { ...i, column: rl[i.column] } : i)) } : r;
	}
}

export interface ImportToDbResult {
	issues: ImportIssue[];
	stats: ValidationResult['stats'] | null;
	committed: boolean;
	cancelled: boolean;
}

/**
 * Stream one file into `table`: chunks go to a staging table as they are validated; the table is
 * replaced in one transaction only if the whole file had no errors (`commit: false` only validates).
 * Never throws for bad input; the previous table stays on any error or cancel.
 */
export async function importToDb(
	db: Db,
	table: TableName,
	input: StreamInput,
	opts: SessionOptions & {
		commit?: boolean;
		onProgress?: (fraction: number, rows: number) => void;
		/** Try the fast path (fast/run.ts) first; default true. */
		fast?: boolean;
		/** What the fast path did (taken, or why not; step times). */
		onFastPath?: (o: FastOutcome) => void;
		/** The fast path's slice sizes (default: fast/side.ts). */
		fastSlices?: FastSliceOptions;
	} = {}
): Promise<ImportToDbResult> {
	let staged = false;
	try {
		// A CSV may take the fast path: its first session checks the encoding on the first chunk only.
		const csv = formatOf(input.fileName) === 'csv' && opts.fast !== false;
		let s = await ImportSession.open(table, input, { ...opts, fastOpen: csv });
		if (csv && s.format === 'csv') {
			for (let retried = false; ; retried = true) {
				const side = new FastSide(s, byteSource(input), opts.fastSlices);
				const js = { plan: () => side.plan(), slice: (p: FastPrep, f?: (x: number) => void) => side.slice(p, opts.signal, f), finish: side.finish.bind(side) };
				const out = await fastImport(db, js, 'blob' in input ? input.blob : input.bytes, {
					signal: opts.signal,
					previewRows: opts.previewRows,
					onProgress: (f) => opts.onProgress?.(f, 0)
				});
				opts.onFastPath?.(out);
				if (out.ok) {
					const committed = opts.commit !== false; // no errors, by construction of the fast path
					if (committed) await stageCommit(db, table);
					else await stageDrop(db, table);
					opts.onProgress?.(1, out.rows);
					return { issues: out.result.issues, stats: out.result.stats, committed, cancelled: false };
				}
				if (retried || !notUtf8AfterAll(out, s.csv?.encoding)) break;
				s = await ImportSession.open(table, input, opts); // the whole file's encoding check
			}
			// The reference path, from a fresh session (the fast path may have counted rows into this one).
			s = await ImportSession.open(table, input, opts);
		}
		await stageBegin(db, table);
		staged = true;
		for (let c = await s.next(opts.signal); c; c = await s.next(opts.signal)) {
			if (s.errorCount === 0 || opts.commit === false) await stageAppend(db, table, c.batch);
			opts.onProgress?.(c.fraction, s.rowCount);
		}
		const res = s.finish();
		const committed = res.stats.errors === 0 && opts.commit !== false;
		if (committed) await stageCommit(db, table);
		else await stageDrop(db, table);
		staged = false;
		opts.onProgress?.(1, s.rowCount);
		return { issues: res.issues, stats: res.stats, committed, cancelled: false };
	} catch (e) {
		if (staged) await stageDrop(db, table).catch(() => {});
		if (e instanceof ImportCancelled) return { issues: [fileError(input.fileName, 'cancelled', MSG_CANCELLED)], stats: null, committed: false, cancelled: true };
		if (e instanceof ImportFileError) return { issues: [fileIssue(input.fileName, e)], stats: null, committed: false, cancelled: false };
		throw e;
	}
}
