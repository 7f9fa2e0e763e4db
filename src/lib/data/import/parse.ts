/** Pick the reader: by content where the first bytes say for sure, else by file extension (content-format.ts). */
import { readCsv } from './read-csv.ts';
import { HEAD_BYTES, readFormat } from './content-format.ts';
import { settleHeaders } from './header-row.ts';
import { readGeojson } from './read-geojson.ts';
import { ImportCancelled, ImportFileError } from './issues.ts';
import type { FileFormat, FileInput, ParsedFile, ProgressOptions } from './types.ts';

export { formatOf } from './content-format.ts';

export interface ParseOptions extends ProgressOptions {
	/** XLSX: worksheet name (default: the first visible one). */
	sheet?: string;
	/** Row (XLSX) or line (CSV) of the header; default: found from the first rows. */
	headerRow?: number;
}

/**
 * Read any supported file into headers + rows. Throws ImportFileError for unusable files and
 * ImportCancelled when `signal` fires (use importFile/readForImport for issue-style results).
 */
export async function parseFile(input: FileInput, opts: ParseOptions = {}): Promise<ParsedFile> {
	if (opts.signal?.aborted) throw new ImportCancelled();
	const parsed = await readAny(input, opts);
	// XLSX/Parquet/GeoJSON are read in one piece: honour a cancel that came in meanwhile.
	if (opts.signal?.aborted) throw new ImportCancelled();
	opts.onProgress?.(1);
	return parsed;
}

async function readAny(input: FileInput, opts: ParseOptions): Promise<ParsedFile> {
	if (input.bytes.length === 0) throw new ImportFileError('empty_file', { de: 'Die Datei ist leer.', en: 'The file is empty.' });
	const { format, note } = readFormat(input.fileName, input.bytes.subarray(0, HEAD_BYTES));
	const parsed = await readAs(format, input, opts);
	settleHeaders(parsed, note);
	return parsed;
}

function readAs(format: FileFormat, input: FileInput, opts: ParseOptions): Promise<ParsedFile> {
	switch (format) {
		case 'csv':
			return readCsv(input, opts);
		// exceljs and hyparquet load only when such a file arrives (keeps the app's first load small).
		case 'xlsx':
			return import('./read-xlsx.ts').then((m) => m.readXlsx(input, opts));
		case 'parquet':
			return import('./read-parquet.ts').then((m) => m.readParquet(input, opts));
		case 'geojson':
			return readGeojson(input);
	}
}
