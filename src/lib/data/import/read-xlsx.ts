/**
 * XLSX reader (exceljs): the first visible worksheet or a named one; the header is the first row that
 * looks like one (title rows above it are skipped and said so: header-row.ts) or the row the user names.
 * Row numbers are the sheet's own row numbers, as Excel shows them. Cells that hold no usable value
 * (a formula never calculated, an Excel error such as #DIV/0!) become BadCells that the validator
 * reports on their row and column.
 */
import ExcelJS from 'exceljs';
import { readEntrySync, readZipDirectorySync, ZipError, type EntryReadOptions } from '../../util/zip.ts';
import { ImportFileError } from './issues.ts';
import { detectHeaderIndex, headerRowMissing, titleRowsNote } from './header-row.ts';
import { BadCell, type FileInput, type ParsedFile, type RawCell, type ReaderNote } from './types.ts';

/** Plain value of an exceljs cell: formulas give their result, rich text its text, hyperlinks their text. */
function cellValue(v: ExcelJS.CellValue): RawCell {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
	if (typeof v === 'object') {
		if ('formula' in v || 'sharedFormula' in v) {
			const f = v as ExcelJS.CellFormulaValue & { sharedFormula?: string };
			const formula = f.formula ?? f.sharedFormula ?? '';
			// A file written by a program (not Excel) may carry the formula but no calculated result.
			if (f.result === undefined || f.result === null) return noResult(formula);
			return cellValue(f.result as ExcelJS.CellValue);
		}
		if ('richText' in v) return v.richText.map((t) => t.text).join('');
		if ('text' in v) return cellValue((v as { text: ExcelJS.CellValue }).text);
		if ('error' in v) return excelError(String((v as ExcelJS.CellErrorValue).error));
	}
	return String(v);
}

function noResult(formula: string): BadCell {
	const f = formula.length > 40 ? formula.slice(0, 37) + '…' : formula;
	return new BadCell(
		'formula_without_value',
		{
			de: `Formel =${f} ohne gespeichertes Ergebnis: die Datei in Excel öffnen, neu berechnen und speichern (oder die Werte als Werte einfügen).`,
			en: `Formula =${f} without a stored result: open the file in Excel, recalculate and save it (or paste the values as values).`
		},
		'=' + formula
	);
}

function excelError(code: string): BadCell {
	return new BadCell(
		'excel_error',
		{
			de: `Excel-Fehlerwert ${code} statt eines Wertes: die Formel in Excel korrigieren.`,
			en: `Excel error value ${code} instead of a value: fix the formula in Excel.`
		},
		code
	);
}

export interface XlsxOptions {
	/** Worksheet name (default: the first visible one). */
	sheet?: string;
	/** Sheet row of the header (default: found from the first rows). */
	headerRow?: number;
}

const visible = (w: ExcelJS.Worksheet) => w.state === undefined || w.state === 'visible';

/**
 * Limits per part of a workbook, counted on the real output (util/zip.ts): a sheet's XML compresses about
 * 10×, so more than 200× is a zip bomb; 512 MiB is more than a JavaScript string holds anyway. Plus all
 * parts together.
 */
export const XLSX_ZIP_LIMITS: Pick<EntryReadOptions, 'maxBytes' | 'maxRatio'> & { totalBytes: number } = { maxBytes: 512 * 2 ** 20, maxRatio: 200, totalBytes: 1024 * 2 ** 20 };

/**
 * Inflate every part once, counting, before exceljs holds the workbook in memory: exceljs (JSZip) trusts
 * the sizes an archive declares and would inflate a bomb whole, taking the page down with it.
 */
function guardWorkbookZip(bytes: Uint8Array, limits: typeof XLSX_ZIP_LIMITS): void {
	let total = 0;
	try {
		for (const e of readZipDirectorySync(bytes)) {
			for (const chunk of readEntrySync(bytes, e, { maxBytes: limits.maxBytes, maxRatio: limits.maxRatio, checkCrc: false })) {
				total += chunk.length;
				if (total > limits.totalBytes)
					throw new ZipError('too_large', {
						de: `die Teile der Arbeitsmappe entpacken sich auf mehr als ${limits.totalBytes / 2 ** 20} MiB`,
						en: `the workbook's parts expand to more than ${limits.totalBytes / 2 ** 20} MiB`
					});
			}
		}
	} catch (e) {
		if (!(e instanceof ZipError)) throw e;
		throw new ImportFileError(e.code === 'too_large' ? 'xlsx_too_large' : 'xlsx_unreadable', {
			de: e.code === 'too_large' ? `Die Excel-Datei wird nicht gelesen: ${e.msg.de}. Bitte die Tabelle als CSV speichern.` : `Die Excel-Datei ist beschädigt oder unvollständig und kann nicht gelesen werden (${e.msg.de}).`,
			en: e.code === 'too_large' ? `The Excel file is not read: ${e.msg.en}. Please save the table as CSV.` : `The Excel file is damaged or truncated and cannot be read (${e.msg.en}).`
		});
	}
}

export async function readXlsx(input: FileInput, opts: XlsxOptions = {}): Promise<ParsedFile> {
	guardWorkbookZip(input.bytes, XLSX_ZIP_LIMITS);
	const wb = new ExcelJS.Workbook();
	try {
		// exceljs wants an ArrayBuffer-like; copy out exactly this view's bytes.
		await wb.xlsx.load(input.bytes.slice().buffer as ArrayBuffer);
	} catch (e) {
		throw new ImportFileError('xlsx_unreadable', {
			de: `Die Excel-Datei ist beschädigt oder unvollständig und kann nicht gelesen werden (${(e as Error).message}).`,
			en: `The Excel file is damaged or truncated and cannot be read (${(e as Error).message}).`
		});
	}
	const sheets = wb.worksheets.map((w) => ({ name: w.name, hidden: !visible(w) }));
	const notes: ReaderNote[] = [];
	let ws: ExcelJS.Worksheet | undefined;
	if (opts.sheet) ws = wb.getWorksheet(opts.sheet);
	else {
		ws = wb.worksheets.find(visible) ?? wb.worksheets[0];
		const skipped = ws ? wb.worksheets.slice(0, wb.worksheets.indexOf(ws)).map((w) => w.name) : [];
		if (skipped.length)
			notes.push({
				code: 'hidden_sheet_skipped',
				message: {
					de: `Ausgeblendetes Tabellenblatt übergangen (${skipped.join(', ')}); gelesen wird «${ws!.name}». Ein anderes Blatt unter «Tabellenblatt» wählen (Kommandozeile: --sheet).`,
					en: `Hidden worksheet passed over (${skipped.join(', ')}); reading "${ws!.name}". Choose another one under "worksheet" (command line: --sheet).`
				}
			});
	}
	if (!ws) {
		const names = wb.worksheets.map((w) => w.name).join(', ');
		throw new ImportFileError('xlsx_no_sheet', {
			de: opts.sheet ? `Tabellenblatt «${opts.sheet}» fehlt (vorhanden: ${names}).` : 'Die Excel-Datei enthält kein Tabellenblatt.',
			en: opts.sheet ? `Worksheet "${opts.sheet}" not found (available: ${names}).` : 'The Excel file has no worksheet.'
		});
	}
	const all: RawCell[][] = [];
	const numbers: number[] = [];
	const hidden = new Set<number>();
	ws.eachRow({ includeEmpty: false }, (row, number) => {
		const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
		if (values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) return;
		all.push(values);
		numbers.push(number);
		if (row.hidden) hidden.add(number);
	});
	if (!all.length) throw new ImportFileError('empty_file', { de: 'Das Tabellenblatt ist leer.', en: 'The worksheet is empty.' });
	let h: number;
	if (opts.headerRow) {
		h = numbers.findIndex((n) => n >= opts.headerRow!);
		if (h < 0) throw new ImportFileError('header_row_missing', headerRowMissing(opts.headerRow, numbers.at(-1) ?? null));
	} else {
		h = detectHeaderIndex(all);
		if (h > 0) notes.push(titleRowsNote(numbers[0], numbers[h]));
	}
	// Rows hidden in Excel (by a filter, or by hand) are rows of the table all the same: read, and said so.
	const hiddenRows = numbers.slice(h + 1).filter((n) => hidden.has(n));
	if (hiddenRows.length) notes.push(hiddenRowsNote(hiddenRows));
	// A header cell Excel keeps as a date («Jan 25», a month's column) is named by its date, not by JavaScript's long form.
	const headers = all[h].map((v) => (v === null ? '' : v instanceof BadCell ? v.text : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim()));
	// Columns hidden in Excel are read like rows hidden there: by their name, and said so.
	const hiddenColumns = headers.filter((name, j) => name !== '' && ws.getColumn(j + 1).hidden);
	if (hiddenColumns.length) notes.push(hiddenColumnsNote(hiddenColumns));
	const rows = all.slice(h + 1);
	const width = headers.length;
	for (const r of rows) while (r.length < width) r.push(null);
	const info: ParsedFile['info'] = { sheet: ws.name, sheets };
	if (h > 0 || opts.headerRow) info.headerRow = numbers[h];
	if (notes.length) info.notes = notes;
	return { fileName: input.fileName, format: 'xlsx', headers, rows, rowNumbers: numbers.slice(h + 1), info };
}

/** The note on columns hidden in the sheet. */
function hiddenColumnsNote(names: string[]): ReaderNote {
	const list = names.slice(0, 5).map((n) => `«${n}»`).join(', ') + (names.length > 5 ? ', …' : '');
	const listEn = names.slice(0, 5).map((n) => `"${n}"`).join(', ') + (names.length > 5 ? ', …' : '');
	const one = names.length === 1;
	return {
		code: 'hidden_columns',
		message: {
			de: `${one ? `Spalte ${list} ist` : `Spalten ${list} sind`} im Tabellenblatt ausgeblendet. Ausgeblendete Spalten werden gelesen wie die übrigen, wo ihr Name passt: die Zuordnung prüfen.`,
			en: `${one ? `Column ${listEn} is` : `Columns ${listEn} are`} hidden in the worksheet. Hidden columns are read like the others where their name fits: check the mapping.`
		}
	};
}

/** The note on data rows hidden in the sheet (the first few named). */
function hiddenRowsNote(rows: number[]): ReaderNote {
	const list = rows.slice(0, 5).join(', ') + (rows.length > 5 ? ', …' : '');
	const one = rows.length === 1;
	return {
		code: 'hidden_rows_read',
		message: {
			de: `${one ? `Zeile ${list} ist` : `${rows.length} Zeilen (${list}) sind`} im Tabellenblatt ausgeblendet (etwa durch einen Filter) und ${one ? 'wurde' : 'wurden'} trotzdem gelesen. Soll ${one ? 'sie' : 'eine'} nicht zählen: in Excel löschen, nicht nur ausblenden.`,
			en: `${one ? `Row ${list} is` : `${rows.length} rows (${list}) are`} hidden in the worksheet (by a filter, say) and ${one ? 'was' : 'were'} read all the same. If ${one ? 'it' : 'one'} should not count: delete it in Excel, do not just hide it.`
		}
	};
}
