/**
 * Which reader a file gets: its content where the first bytes say for sure, else its name. Files arrive
 * misnamed (an Excel workbook saved as "staff.csv", a CSV renamed ".xlsx", a PDF or a zip in the wrong
 * place): read by name alone they would show garbage column names or a reader's internal error. A
 * workbook, a Parquet file or a text table under another table format's name is read for what it is, with
 * a warning; content no reader takes (old .xls, OpenDocument .ods, PDF, ZIP or gzip archives, binary data) is
 * refused by name.
 */
import { utf16Pattern } from './encoding.ts';
import { ImportFileError } from './issues.ts';
import type { FileFormat, Msg, ReaderNote } from './types.ts';

const EXTENSIONS: Record<string, FileFormat> = {
	csv: 'csv',
	txt: 'csv',
	tsv: 'csv',
	xlsx: 'xlsx',
	// A macro-enabled workbook is the same format; its macros are never run (exceljs does not read them).
	xlsm: 'xlsx',
	parquet: 'parquet',
	geojson: 'geojson',
	json: 'geojson'
};

/** Format of a file by its name, or null if unsupported. */
export function formatOf(fileName: string): FileFormat | null {
	const ext = fileName.toLowerCase().split('.').pop() ?? '';
	return EXTENSIONS[ext] ?? null;
}

/** Bytes of the file's start that decide its content kind. */
export const HEAD_BYTES = 4096;

export type ContentKind = 'xlsx' | 'ods' | 'zip' | 'xls' | 'parquet' | 'pdf' | 'gzip' | 'binary' | 'text';

const startsWith = (b: Uint8Array, ...m: number[]) => b.length >= m.length && m.every((x, i) => b[i] === x);
const ascii = (b: Uint8Array) => String.fromCharCode.apply(null, b as unknown as number[]);

/** The kind of content `head` (the file's first bytes, up to HEAD_BYTES) starts. */
export function contentKind(head: Uint8Array): ContentKind {
	if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) {
		// An Office Open XML workbook: its package parts are named in the local headers at the start.
		const names = ascii(head);
		// An OpenDocument file names its type in its first part, stored: "mimetype" + the media type.
		if (names.startsWith('mimetype', 30) && names.includes('opendocument.spreadsheet')) return 'ods';
		return names.includes('[Content_Types].xml') || names.includes('xl/') ? 'xlsx' : 'zip';
	}
	if (startsWith(head, 0x50, 0x4b, 0x05, 0x06)) return 'zip'; // an empty archive
	if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'xls';
	if (startsWith(head, 0x50, 0x41, 0x52, 0x31)) return 'parquet'; // "PAR1"
	if (startsWith(head, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'; // "%PDF-"
	if (startsWith(head, 0x1f, 0x8b)) return 'gzip';
	// Text holds few control characters (UTF-16 aside: a NUL beside every ASCII character). A stray one in
	// a text export stays text, so the validator can name its row and column.
	const utf16 = startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff) || utf16Pattern(head) !== null;
	if (!utf16 && controlShare(head) > 0.05) return 'binary';
	return 'text';
}

/** Share of bytes that are control characters no text table holds (tab, line ends and form feed are text). */
function controlShare(head: Uint8Array): number {
	let n = 0;
	for (const b of head) if ((b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 127) n++;
	return head.length ? n / head.length : 0;
}

const KIND_NAME: Record<'xlsx' | 'parquet' | 'csv' | 'geojson', Msg> = {
	xlsx: { de: 'eine Excel-Arbeitsmappe (XLSX)', en: 'an Excel workbook (XLSX)' },
	parquet: { de: 'eine Parquet-Datei', en: 'a Parquet file' },
	csv: { de: 'eine Texttabelle (CSV)', en: 'a text table (CSV)' },
	geojson: { de: 'GeoJSON', en: 'GeoJSON' }
};

const REFUSED: Record<Exclude<ContentKind, 'xlsx' | 'parquet' | 'text'> | 'html' | 'json', Msg> = {
	xls: {
		de: 'Die Datei ist im alten Excel-Format (.xls, Excel 97–2003), das nicht gelesen wird. Bitte in Excel als .xlsx oder CSV speichern.',
		en: 'The file is in the old Excel format (.xls, Excel 97–2003), which is not read. Please save it in Excel as .xlsx or CSV.'
	},
	ods: {
		de: 'Die Datei ist eine OpenDocument-Tabelle (.ods, LibreOffice), die nicht gelesen wird. Bitte als .xlsx oder CSV speichern.',
		en: 'The file is an OpenDocument spreadsheet (.ods, LibreOffice), which is not read. Please save it as .xlsx or CSV.'
	},
	pdf: {
		de: 'Die Datei ist ein PDF-Dokument, keine Tabelle. Bitte die Tabelle als CSV oder XLSX exportieren.',
		en: 'The file is a PDF document, not a table. Please export the table as CSV or XLSX.'
	},
	zip: {
		de: 'Die Datei ist ein ZIP-Archiv. Bitte entpacken und die Tabellendatei wählen (eine Excel-Arbeitsmappe braucht die Endung .xlsx).',
		en: 'The file is a ZIP archive. Please unpack it and choose the table file (an Excel workbook needs the extension .xlsx).'
	},
	gzip: {
		de: 'Die Datei ist gzip-komprimiert. Bitte entpacken und die Tabellendatei wählen.',
		en: 'The file is gzip-compressed. Please unpack it and choose the table file.'
	},
	html: {
		de: 'Die Datei ist eine Webseite (HTML oder XML), keine Tabelle in CSV: manche Programme speichern so unter «.xls» oder «.csv». Bitte in Excel öffnen und als .xlsx oder CSV speichern.',
		en: 'The file is a web page (HTML or XML), not a CSV table: some programs save such files as ".xls" or ".csv". Please open it in Excel and save it as .xlsx or CSV.'
	},
	json: {
		de: 'Die Datei enthält JSON (eine Liste von Objekten), keine CSV-Tabelle. Bitte als CSV exportieren; Orte als GeoJSON brauchen eine FeatureCollection in einer .geojson-Datei.',
		en: 'The file holds JSON (a list of objects), not a CSV table. Please export it as CSV; places as GeoJSON need a FeatureCollection in a .geojson file.'
	},
	binary: {
		de: 'Die Datei enthält Binärdaten (Steuerzeichen wie Null-Bytes), keinen Text: sie ist keine Texttabelle. Bitte die Tabelle als CSV oder XLSX exportieren.',
		en: 'The file holds binary data (control characters such as NUL bytes), not text: it is not a text table. Please export the table as CSV or XLSX.'
	}
};

/** Where the text starts after a BOM and whitespace, from `i` on. */
function textStart(head: Uint8Array, i = startsWith(head, 0xef, 0xbb, 0xbf) ? 3 : 0): number {
	while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
	return i;
}

/** The text's first character after a BOM and whitespace is one of `open` (JSON: `{` or `[`). */
function startsJson(head: Uint8Array, open: string): boolean {
	const i = textStart(head);
	return i < head.length && open.includes(String.fromCharCode(head[i]));
}

/** A JSON list of objects («[{…}, …]»), as an API or a script writes a table. */
function startsJsonList(head: Uint8Array): boolean {
	const i = textStart(head);
	if (head[i] !== 0x5b) return false;
	const j = textStart(head, i + 1);
	return head[j] === 0x7b;
}

/** Markup: «<!DOCTYPE html», «<html», «<?xml», «<table», a comment (a CSV header row starts otherwise). */
function startsMarkup(head: Uint8Array): boolean {
	const i = textStart(head);
	const start = String.fromCharCode(...head.subarray(i, i + 16)).toLowerCase();
	return /^<(?:!doctype|!--|\?xml|(?:html|head|body|table|meta)(?![a-z0-9]))/.test(start);
}

/**
 * The reader for `fileName` whose content starts with `head`, and a note when it is not the one its name
 * asks for. Throws ImportFileError for an unsupported name or content no reader takes.
 */
export function readFormat(fileName: string, head: Uint8Array): { format: FileFormat; note?: ReaderNote } {
	const byName = formatOf(fileName);
	if (!byName) {
		// An «.xls» that is an old workbook or a web page (as SAP and others export): say which, and what to do.
		const kind = contentKind(head);
		if (kind === 'xls' || kind === 'ods') throw new ImportFileError(`content_${kind}`, REFUSED[kind]);
		if (kind === 'text' && startsMarkup(head)) throw new ImportFileError('content_html', REFUSED.html);
	}
	if (!byName)
		throw new ImportFileError('unsupported_format', {
			de: `Dateiformat nicht unterstützt: ${fileName} (erlaubt: CSV, XLSX, Parquet, GeoJSON).`,
			en: `Unsupported file format: ${fileName} (allowed: CSV, XLSX, Parquet, GeoJSON).`
		});
	const kind = contentKind(head);
	let format: FileFormat;
	if (kind === 'xlsx' || kind === 'parquet') format = kind;
	// Text: JSON is GeoJSON, anything else a CSV (a CSV's header row does not start with a brace).
	else if (kind === 'text') {
		if (startsMarkup(head)) throw new ImportFileError('content_html', REFUSED.html);
		if (byName === 'csv' && startsJsonList(head)) throw new ImportFileError('content_json', REFUSED.json);
		format = startsJson(head, byName === 'csv' ? '{' : '{[') ? 'geojson' : 'csv';
	}
	// A workbook whose first part is not named at the start, or a damaged binary file: its own reader says what is wrong.
	else if ((kind === 'zip' && byName === 'xlsx') || (kind === 'binary' && (byName === 'xlsx' || byName === 'parquet'))) format = byName;
	else throw new ImportFileError(`content_${kind}`, REFUSED[kind]);
	if (format === byName) return { format };
	const ext = fileName.slice(fileName.lastIndexOf('.'));
	const what = KIND_NAME[format];
	return {
		format,
		note: {
			code: 'content_not_name',
			message: {
				de: `Der Dateiname endet auf «${ext}», die Datei enthält aber ${what.de}; sie wurde als solche gelesen.`,
				en: `The file's name ends in "${ext}" but it holds ${what.en}; it was read as such.`
			}
		}
	};
}
