/** Pick the reader by file extension. */
import { readCsv } from './read-csv.ts';
import { readGeojson } from './read-geojson.ts';
import { ImportCancelled, ImportFileError } from './issues.ts';
import type { FileFormat, FileInput, ParsedFile, ProgressOptions } from './types.ts';

export const EXTENSIONS: Record<string, FileFormat> = {
	csv: 'csv',
	txt: 'csv',
	tsv: 'csv',
	xlsx: 'xlsx',
	parquet: 'parquet',
	geojson: 'geojson',
	json: 'geojson'
};

/** Format of a file name, or null if unsupported. */
export function formatOf(fileName: string): FileFormat | null {
	const ext = fileName.toLowerCase().split('.').pop() ?? '';
	return EXTENSIONS[ext] ?? null;
}

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
	const format = formatOf(input.fileName);
	if (input.bytes.length === 0) throw new ImportFileError('empty_file', { de: 'Die Datei ist leer.', en: 'The file is empty.' });
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
		default:
			throw new ImportFileError('unsupported_format', {
				de: `Dateiformat nicht unterstützt: ${input.fileName} (erlaubt: CSV, XLSX, Parquet, GeoJSON).`,
				en: `Unsupported file format: ${input.fileName} (allowed: CSV, XLSX, Parquet, GeoJSON).`
			});
	}
}
