/**
 * Parquet reader (hyparquet + hyparquet-compressors), one row group at a time. The file is read through
 * an AsyncBuffer, so a File in the browser is never loaded whole: only the footer and the column chunks
 * of the current row group are fetched (File.slice). Memory is bounded by the largest row group.
 */
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type Compressors, type FileMetaData } from 'hyparquet';
import { compressors as codecs } from 'hyparquet-compressors';
import type { RowChunk } from './csv-stream.ts';
import { ImportCancelled, ImportFileError } from './issues.ts';
import type { FileInput, ParsedFile, ProgressOptions, RawCell } from './types.ts';

function plain(v: unknown): RawCell {
	if (v === null || v === undefined) return null;
	// Beyond 2^53 a bigint would lose digits as a number: keep its text, so typing refuses it by name.
	if (typeof v === 'bigint') return v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
	if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
	return String(v);
}

/**
 * Reject metadata whose column chunks do not match the flat schema before decoding. hyparquet
 * leaves the read promise of such an orphan chunk unobserved, so a damaged file would surface
 * as an unhandled rejection (found by tests/unit/fuzz-import.test.ts) instead of an error here.
 */
function checkFlatSchema(meta: FileMetaData, byteLength: number): string[] {
	const fields = meta.schema.slice(1);
	if (fields.some((s) => s.num_children)) throw new Error('nested columns are not supported');
	const headers = fields.map((s) => s.name);
	const leaves = new Set(headers);
	for (const rg of meta.row_groups)
		for (const c of rg.columns) {
			const md = c.meta_data;
			const p = md?.path_in_schema;
			if (!md || !p || p.length !== 1 || !leaves.has(p[0])) throw new Error('column chunk does not match the schema');
			const start = Number(md.dictionary_page_offset ?? md.data_page_offset);
			if (!(start >= 0 && start + Number(md.total_compressed_size) <= byteLength)) throw new Error('column chunk outside the file');
			const raw = Number(md.total_uncompressed_size);
			const packed = Number(md.total_compressed_size);
			if (!withinLimits(raw, packed)) {
				throw new ImportFileError('parquet_too_large', {
					de: `Die Parquet-Datei wird nicht gelesen: die Spalte «${p[0]}» einer Zeilengruppe entpackt sich laut Datei auf ${mib(raw)} aus ${mib(packed)} (Grenze ${mib(PARQUET_LIMITS.maxBytes)}, ${PARQUET_LIMITS.maxRatio}-fach: beschädigt oder eine Dekompressionsbombe). Bitte kleinere Zeilengruppen schreiben oder als CSV speichern.`,
					en: `The Parquet file is not read: column "${p[0]}" of a row group expands, as the file declares, to ${mib(raw)} from ${mib(packed)} (limit ${mib(PARQUET_LIMITS.maxBytes)}, ${PARQUET_LIMITS.maxRatio}×: corrupt or a decompression bomb). Please write smaller row groups or save as CSV.`
				});
			}
		}
	return headers;
}

/**
 * Limits per column chunk and per page, on the sizes the file declares (hyparquet allocates what a page declares):
 * encoded pages compress a few times at most, so more than 200× is damage or a bomb; 512 MiB is one row
 * group's column held in memory at once.
 */
export const PARQUET_LIMITS = { maxBytes: 512 * 2 ** 20, maxRatio: 200 };

/** Within PARQUET_LIMITS: `raw` bytes declared for `packed` compressed ones. */
const withinLimits = (raw: number, packed: number) => raw <= PARQUET_LIMITS.maxBytes && raw <= PARQUET_LIMITS.maxRatio * packed + (1 << 20);
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/**
 * The codecs, each refusing a page whose header declares more than PARQUET_LIMITS before anything is
 * allocated: hyparquet allocates the size a page header declares, and a file may declare honest column
 * chunks around a page that lies.
 */
export function guardedCodecs(all: Compressors): Compressors {
	const out: Compressors = {};
	for (const [codec, f] of Object.entries(all) as [keyof Compressors, NonNullable<Compressors[keyof Compressors]>][])
		out[codec] = (input, length) => {
			if (!withinLimits(length, input.length))
				throw new ImportFileError('parquet_too_large', {
					de: `Die Parquet-Datei wird nicht gelesen: eine Seite (${codec}) entpackt sich laut Datei auf ${mib(length)} aus ${mib(input.length)} (Grenze ${mib(PARQUET_LIMITS.maxBytes)}, ${PARQUET_LIMITS.maxRatio}-fach: beschädigt oder eine Dekompressionsbombe).`,
					en: `The Parquet file is not read: a page (${codec}) expands, as the file declares, to ${mib(length)} from ${mib(input.length)} (limit ${mib(PARQUET_LIMITS.maxBytes)}, ${PARQUET_LIMITS.maxRatio}×: corrupt or a decompression bomb).`
				});
			return f(input, length);
		};
	return out;
}
const compressors = guardedCodecs(codecs);

function unreadable(e: unknown): ImportFileError {
	if (e instanceof ImportFileError) return e;
	return new ImportFileError('parquet_unreadable', {
		de: `Die Parquet-Datei ist beschädigt oder unvollständig (${(e as Error).message}).`,
		en: `The Parquet file is damaged or truncated (${(e as Error).message}).`
	});
}

/** A Parquet file as a stream of row groups (see CsvReader for the same shape). */
export interface ParquetRows {
	headers: string[];
	numRows: number;
	/** Rows read so far / all rows. */
	readonly fraction: number;
	next(): Promise<RowChunk | null>;
}

/** Open a flat Parquet file; `next()` decodes one row group. Damage comes back as ImportFileError. */
export async function openParquetRows(file: AsyncBuffer): Promise<ParquetRows> {
	let metadata: FileMetaData;
	let headers: string[];
	try {
		metadata = await parquetMetadataAsync(file);
		headers = checkFlatSchema(metadata, file.byteLength);
	} catch (e) {
		throw unreadable(e);
	}
	const numRows = Number(metadata.num_rows) || 0;
	let group = 0;
	let rowStart = 0;
	return {
		headers,
		numRows,
		get fraction() {
			return numRows ? Math.min(1, rowStart / numRows) : 1;
		},
		async next() {
			if (group >= metadata.row_groups.length) return null;
			const rowEnd = rowStart + Number(metadata.row_groups[group].num_rows);
			let objects: Record<string, unknown>[];
			try {
				objects = (await parquetReadObjects({ file, metadata, compressors, rowStart, rowEnd })) as Record<string, unknown>[];
			} catch (e) {
				throw unreadable(e);
			}
			const rows: RawCell[][] = new Array(objects.length);
			const rowNumbers: number[] = new Array(objects.length);
			for (let i = 0; i < objects.length; i++) {
				const o = objects[i];
				rows[i] = headers.map((h) => plain(o[h]));
				rowNumbers[i] = rowStart + i + 1;
			}
			group++;
			rowStart = rowEnd;
			return { rows, rowNumbers };
		}
	};
}

/** Bytes in memory as hyparquet's AsyncBuffer. */
export function bytesAsyncBuffer(bytes: Uint8Array): AsyncBuffer {
	return { byteLength: bytes.length, slice: (start, end) => bytes.slice(start, end).buffer as ArrayBuffer };
}

/** Read a flat Parquet file row group by row group, with progress and cancel between groups. */
export async function readParquet(input: FileInput, opts: ProgressOptions = {}): Promise<ParsedFile> {
	const src = await openParquetRows(bytesAsyncBuffer(input.bytes));
	const rows: RawCell[][] = [];
	for (let c = await src.next(); c; c = await src.next()) {
		for (const r of c.rows) rows.push(r);
		opts.onProgress?.(src.fraction);
		if (opts.signal?.aborted) throw new ImportCancelled();
	}
	return { fileName: input.fileName, format: 'parquet', headers: src.headers, rows, rowNumbers: rows.map((_, i) => i + 1), info: {} };
}
