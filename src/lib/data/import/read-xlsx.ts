/**
 * XLSX reader (exceljs): the first worksheet or a named one; the first non-empty row is the header.
 * Row numbers are the sheet's own row numbers, as Excel shows them.
 */
import ExcelJS from 'exceljs';
import { ImportFileError } from './issues.ts';
import type { FileInput, ParsedFile, RawCell } from './types.ts';

/** Plain value of an exceljs cell: formulas give their result, rich text its text, hyperlinks their text. */
function cellValue(v: ExcelJS.CellValue): RawCell {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
	if (typeof v === 'object') {
		if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
		if ('richText' in v) return v.richText.map((t) => t.text).join('');
		if ('text' in v) return String(v.text);
		if ('error' in v) return null;
	}
	return String(v);
}

export async function readXlsx(input: FileInput, opts: { sheet?: string } = {}): Promise<ParsedFile> {
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
	const ws = opts.sheet ? wb.getWorksheet(opts.sheet) : wb.worksheets[0];
	if (!ws) {
		const names = wb.worksheets.map((w) => w.name).join(', ');
		throw new ImportFileError('xlsx_no_sheet', {
			de: opts.sheet ? `Tabellenblatt «${opts.sheet}» fehlt (vorhanden: ${names}).` : 'Die Excel-Datei enthält kein Tabellenblatt.',
			en: opts.sheet ? `Worksheet "${opts.sheet}" not found (available: ${names}).` : 'The Excel file has no worksheet.'
		});
	}
	let headers: string[] | null = null;
	const rows: RawCell[][] = [];
	const rowNumbers: number[] = [];
	ws.eachRow({ includeEmpty: false }, (row, number) => {
		const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
		if (values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) return;
		if (!headers) {
			headers = values.map((v) => (v === null ? '' : String(v).trim()));
			return;
		}
		rows.push(values);
		rowNumbers.push(number);
	});
	if (!headers) throw new ImportFileError('empty_file', { de: 'Das Tabellenblatt ist leer.', en: 'The worksheet is empty.' });
	const width = (headers as string[]).length;
	for (const r of rows) while (r.length < width) r.push(null);
	return { fileName: input.fileName, format: 'xlsx', headers, rows, rowNumbers, info: { sheet: ws.name } };
}
