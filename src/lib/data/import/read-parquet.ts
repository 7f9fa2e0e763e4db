/** Parquet reader (hyparquet + hyparquet-compressors), entirely from an in-memory ArrayBuffer, one row group at a time. */
import { parquetMetadata, parquetReadObjects, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ImportCancelled, ImportFileError } from './issues.ts';
import type { FileInput, ParsedFile, ProgressOptions, RawCell } from './types.ts';

function plain(v: unknown): RawCell {
	if (v === null || v === undefined) return null;
	if (typeof v === 'bigint') return Number(v);
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
		}
	return headers;
}

/** Read a flat Parquet file row group by row group, with progress and cancel between groups. */
export async function readParquet(input: FileInput, opts: ProgressOptions = {}): Promise<ParsedFile> {
	const file = input.bytes.slice().buffer as ArrayBuffer;
	let headers: string[];
	const rows: RawCell[][] = [];
	try {
		const metadata = parquetMetadata(file);
		headers = checkFlatSchema(metadata, file.byteLength);
		// One row group at a time: only one group's decoded objects are alive besides the raw cells.
		const total = Number(metadata.num_rows) || 1;
		let rowStart = 0;
		for (const rg of metadata.row_groups) {
			const rowEnd = rowStart + Number(rg.num_rows);
			const objects = (await parquetReadObjects({ file, metadata, compressors, rowStart, rowEnd })) as Record<string, unknown>[];
			for (const o of objects) rows.push(headers.map((h) => plain(o[h])));
			rowStart = rowEnd;
			opts.onProgress?.(Math.min(1, rowStart / total));
			if (opts.signal?.aborted) throw new ImportCancelled();
		}
	} catch (e) {
		if (e instanceof ImportCancelled) throw e;
		throw new ImportFileError('parquet_unreadable', {
			de: `Die Parquet-Datei ist beschädigt oder unvollständig (${(e as Error).message}).`,
			en: `The Parquet file is damaged or truncated (${(e as Error).message}).`
		});
	}
	return { fileName: input.fileName, format: 'parquet', headers, rows, rowNumbers: rows.map((_, i) => i + 1), info: {} };
}
