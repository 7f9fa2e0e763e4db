/**
 * Tabular exports (CSV, XLSX) with small-count suppression: counts of persons below the threshold
 * (default 5) are replaced by a marker in every export, so no small group can be singled out.
 * Pure functions except `toXlsx`, which loads exceljs lazily (it is large).
 */
import { toCsvText } from '../util/csv.ts';
import { MIN_GROUP } from '../model/privacy.ts';

export type Cell = string | number | boolean | null | undefined;

export interface ExportTable {
	/** Sheet / file name stem. */
	name: string;
	columns: { key: string; label: string; /** A count of persons: subject to suppression. */ personCount?: boolean }[];
	rows: Record<string, Cell>[];
}

/** Shown instead of a suppressed count. */
export const SUPPRESSED = '<5';
/** The small-group threshold (the one rule, model/privacy.ts). */
export const MIN_COUNT = MIN_GROUP;

/** Copy of the table with every person count in 1..threshold-1 replaced by the marker (0 stays 0). */
export function suppressSmallCounts(t: ExportTable, threshold = MIN_COUNT): ExportTable {
	const keys = t.columns.filter((c) => c.personCount).map((c) => c.key);
	return {
		...t,
		rows: t.rows.map((r) => {
			const out = { ...r };
			for (const k of keys) {
				const v = r[k];
				if (typeof v === 'number' && v > 0 && v < threshold) out[k] = SUPPRESSED;
			}
			return out;
		})
	};
}

/**
 * CSV as Swiss spreadsheet users expect: semicolon separated, UTF-8 with BOM (Excel detects umlauts),
 * numbers with a dot, CRLF. Small counts are suppressed; text that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR first) is neutralised (OWASP CSV injection).
 */
export function toCsv(t: ExportTable, threshold = MIN_COUNT): string {
	const s = suppressSmallCounts(t, threshold);
	return toCsvText(
		s.columns.map((c) => c.label),
		s.rows.map((r) => s.columns.map((c) => r[c.key])),
		{ delimiter: ';', lineEnd: '\r\n', bom: true, neutraliseFormulas: true }
	);
}

/** XLSX workbook bytes, one sheet per table, small counts suppressed. */
export async function toXlsx(list: ExportTable[], threshold = MIN_COUNT): Promise<Uint8Array<ArrayBuffer>> {
	const { default: ExcelJS } = await import('exceljs');
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Standortwahl';
	for (const t of list.map((x) => suppressSmallCounts(x, threshold))) {
		const ws = wb.addWorksheet(t.name.slice(0, 31));
		ws.addRow(t.columns.map((c) => c.label)).font = { bold: true };
		for (const r of t.rows) ws.addRow(t.columns.map((c) => r[c.key] ?? null));
		ws.columns.forEach((col, i) => (col.width = Math.min(40, Math.max(10, t.columns[i].label.length + 2))));
	}
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A count of persons for display (the small-group rule's printing, model/privacy.ts). */
export { fmtPersons } from '../model/privacy.ts';
