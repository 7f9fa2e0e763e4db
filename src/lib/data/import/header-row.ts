/**
 * Which row holds the column names. Spreadsheets often carry a title ("Mitarbeitende, Stand 1.1.2026")
 * and a blank or note row above the real header; taking the first row then maps nothing and buries the
 * user in "column missing" messages. The header is the first row that is at least half as wide (in
 * non-empty cells) as the widest of the first rows; what lies above it is skipped and said so.
 * The user can always name the header row instead (data page, CLI --header-row).
 */
import type { Msg, RawCell, ReaderNote } from './types.ts';

/** Rows looked at to find the header. */
export const HEADER_SCAN_ROWS = 20;

const filled = (r: readonly RawCell[]) => r.reduce<number>((n, v) => (v === null || (typeof v === 'string' && v.trim() === '') ? n : n + 1), 0);

/** Index (into `rows`) of the header among the first rows. */
export function detectHeaderIndex(rows: readonly (readonly RawCell[])[]): number {
	const head = rows.slice(0, HEADER_SCAN_ROWS);
	const widths = head.map(filled);
	const widest = Math.max(0, ...widths);
	if (widest <= 1) return 0;
	const need = Math.max(2, Math.ceil(widest / 2));
	const i = widths.findIndex((w) => w >= need);
	return i < 0 ? 0 : i;
}

/** The note for rows skipped above the header (`first` = row/line number of the first one). */
export function titleRowsNote(first: number, header: number): ReaderNote {
	const rows = header - first === 1 ? `${first}` : `${first}–${header - 1}`;
	const msg: Msg = {
		de: `Zeile ${rows} übersprungen (Titel oder Notiz über der Tabelle); die Spaltennamen stehen in Zeile ${header}. Falls das nicht stimmt: «Kopfzeile in Zeile» wählen (Kommandozeile: --header-row).`,
		en: `Row ${rows} skipped (a title or note above the table); the column names are in row ${header}. If that is wrong, choose the "header row" (command line: --header-row).`
	};
	return { code: 'title_rows_skipped', message: msg };
}

/** The header row the user named lies beyond the data. */
export function headerRowMissing(row: number, last: number | null): Msg {
	return {
		de: `Kopfzeile ${row} gibt es nicht${last ? ` (die Daten enden in Zeile ${last})` : ''}: eine kleinere Zeilennummer wählen.`,
		en: `There is no header row ${row}${last ? ` (the data ends in row ${last})` : ''}: choose a smaller row number.`
	};
}
