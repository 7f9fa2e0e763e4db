/**
 * Which row holds the column names. Spreadsheets often carry a title ("Mitarbeitende, Stand 1.1.2026")
 * and a blank or note row above the real header; taking the first row then maps nothing and buries the
 * user in "column missing" messages. The header is among the rows at least half as wide (in non-empty
 * cells) as the widest of the first rows: the one naming the most columns the app knows (any table's
 * names and aliases), when it names at least two more than the first such row (a wide title row such as
 * "Kundenliste;Stand 1.12.2026;Quelle: AK"); else the first of them. What lies above it is skipped and
 * said so. The user can always name the header row instead (data page, CLI --header-row).
 */
import { importableTables, normaliseHeader } from '../schema.ts';
import { importColumns } from './mapping.ts';
import type { Msg, RawCell, ReadInfo, ReaderNote } from './types.ts';

/** Rows looked at to find the header. */
export const HEADER_SCAN_ROWS = 20;

const filled = (r: readonly RawCell[]) => r.reduce<number>((n, v) => (v === null || (typeof v === 'string' && v.trim() === '') ? n : n + 1), 0);

let knownNames: Map<string, string> | null = null;

/** Every column name and alias the importer reads, normalised as headers are, to its column's name. */
function known(): Map<string, string> {
	if (knownNames) return knownNames;
	knownNames = new Map();
	for (const t of importableTables) for (const c of importColumns(t)) for (const w of [c.name, ...(c.aliases ?? [])]) knownNames.set(normaliseHeader(w), c.name);
	return knownNames;
}

/** How many different known columns a row names. */
function namedColumns(r: readonly RawCell[]): number {
	const names = new Set<string>();
	for (const v of r) {
		const c = typeof v === 'string' ? known().get(normaliseHeader(v)) : undefined;
		if (c) names.add(c);
	}
	return names.size;
}

/** Index (into `rows`) of the header among the first rows. */
export function detectHeaderIndex(rows: readonly (readonly RawCell[])[]): number {
	const head = rows.slice(0, HEADER_SCAN_ROWS);
	const widths = head.map(filled);
	const widest = Math.max(0, ...widths);
	if (widest <= 1) return 0;
	const need = Math.max(2, Math.ceil(widest / 2));
	const first = widths.findIndex((w) => w >= need);
	if (first < 0) return 0;
	let best = first;
	let most = namedColumns(head[first]);
	const floor = most + 2;
	for (let i = first + 1; i < head.length; i++) {
		if (widths[i] < need) continue;
		const n = namedColumns(head[i]);
		if (n >= floor && n > most) [best, most] = [i, n];
	}
	return best;
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

/**
 * Column names made unique: a name met again becomes «name (2)», «name (3)», … so every column can be
 * told apart and chosen in the column mapping (columns are mapped by name). One note per repeated name.
 * Blank names stay as they are (the validator treats blank columns on its own).
 */
export function uniqueHeaders(headers: readonly string[]): { headers: string[]; notes: ReaderNote[] } {
	const taken = new Set(headers);
	const positions = new Map<string, number[]>();
	headers.forEach((h, j) => h !== '' && positions.set(h, [...(positions.get(h) ?? []), j]));
	const out = [...headers];
	const notes: ReaderNote[] = [];
	for (const [h, at] of positions) {
		if (at.length < 2) continue;
		const names: string[] = [];
		let k = 1;
		for (const j of at.slice(1)) {
			do k++;
			while (taken.has(`${h} (${k})`));
			out[j] = `${h} (${k})`;
			taken.add(out[j]);
			names.push(`«${out[j]}»`);
		}
		const cols = at.map((j) => j + 1).join(', ');
		notes.push({
			code: 'duplicate_header',
			message: {
				de: `Der Spaltenname «${h}» kommt ${at.length}-mal vor (Spalten ${cols}); die weiteren heissen hier ${names.join(', ')}. Gelesen wird die erste, ausser die Spaltenzuordnung wählt eine andere.`,
				en: `The column name "${h}" occurs ${at.length} times (columns ${cols}); the others are called ${names.join(', ').replace(/[«»]/g, '"')} here. The first is read unless the column mapping chooses another.`
			}
		});
	}
	return { headers: out, notes };
}

/**
 * The last step of every read (whole file or streamed): unique column names, and the notes on the file's
 * name (`note`, content-format.ts) and on repeated column names beside the reader's own.
 */
export function settleHeaders(read: { headers: string[]; info: ReadInfo }, note?: ReaderNote): void {
	const unique = uniqueHeaders(read.headers);
	read.headers = unique.headers;
	const notes = [...(note ? [note] : []), ...(read.info.notes ?? []), ...unique.notes];
	if (notes.length) read.info.notes = notes;
}
