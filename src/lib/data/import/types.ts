/** Shared types of the importer (no DOM, no Svelte: runs in Node, workers and the browser). */

/**
 * The longest cell the importer's readers of formatted values look at: numbers, dates, yes/no, percent
 * signs, units, postcodes with their locality, coordinates, addresses. A real value is far shorter; longer
 * text is no such value, and some of those patterns take quadratic time over it (a hostile 100,000-character
 * cell would hold an import for seconds, thousands of them for hours).
 */
export const MAX_VALUE_CHARS = 200;

/** A file as bytes, so Node (fs) and the browser (File.arrayBuffer()) share one entry point. */
export interface FileInput {
	fileName: string;
	bytes: Uint8Array;
}

/**
 * A cell the reader could not turn into a value, with the reason (an Excel formula without a stored
 * result, an Excel error value): the validator reports it on its row and column instead of guessing.
 */
export class BadCell {
	constructor(
		readonly code: string,
		readonly msg: Msg,
		/** What the cell held, for the message (e.g. the formula). */
		readonly text: string
	) {}
}

/** A raw cell as a reader returns it, before typing against the schema. */
export type RawCell = string | number | boolean | Date | null | BadCell;

export type FileFormat = 'csv' | 'xlsx' | 'parquet' | 'geojson';

/** A file read into a header row and data rows (all rows as long as `headers`). */
export interface ParsedFile {
	fileName: string;
	format: FileFormat;
	headers: string[];
	rows: RawCell[][];
	/** Row number the user sees for each data row (CSV/XLSX: header = row 1; Parquet/GeoJSON: record number). */
	rowNumbers: number[];
	/** How the file was read: detected delimiter/encoding, sheet name. */
	info: ReadInfo;
}

/** What a reader noticed about the file as a whole and decided for the user (reported as warnings). */
export interface ReaderNote {
	code: string;
	message: Msg;
}

/** How a file was read. Optional parts appear only where they apply. */
export interface ReadInfo {
	delimiter?: string;
	encoding?: string;
	/** XLSX: the sheet read, and every sheet of the workbook (hidden ones flagged). */
	sheet?: string;
	sheets?: { name: string; hidden: boolean }[];
	/** Line (CSV) or sheet row (XLSX) of the header, when it is not the first non-empty one (title rows, `sep=`). */
	headerRow?: number;
	/** Decisions the user should know about (title rows skipped, a hidden sheet passed over, a BOM ignored). */
	notes?: ReaderNote[];
}

/** A bilingual user-facing message. */
export interface Msg {
	de: string;
	en: string;
}

export type Severity = 'error' | 'warning';

/** One problem found while reading or validating, located as precisely as possible. */
export interface ImportIssue {
	severity: Severity;
	file: string;
	/** 1-based row as the user sees it (see ParsedFile.rowNumbers), null for file-level issues. */
	row: number | null;
	/** The user's header name, null if the issue concerns no single column. */
	column: string | null;
	code: string;
	message: Msg;
}

/** Progress (0..1) and cancellation for long reads. */
export interface ProgressOptions {
	onProgress?: (fraction: number) => void;
	signal?: AbortSignal;
}
