/** Shared types of the importer (no DOM, no Svelte: runs in Node, workers and the browser). */

/** A file as bytes, so Node (fs) and the browser (File.arrayBuffer()) share one entry point. */
export interface FileInput {
	fileName: string;
	bytes: Uint8Array;
}

/** A raw cell as a reader returns it, before typing against the schema. */
export type RawCell = string | number | boolean | Date | null;

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
	info: { delimiter?: string; encoding?: string; sheet?: string };
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
