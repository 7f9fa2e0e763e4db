/** CSV reading (papaparse) and deterministic CSV writing in schema column order. */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

/** Read a CSV file with a header row into string records. */
export function readCsv(file: string): Record<string, string>[] {
	const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
	if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
	return parsed.data;
}

export type Cell = string | number | boolean | null | undefined;

function cell(v: Cell): string {
	if (v === null || v === undefined) return '';
	const s = String(v);
	return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

/** Write rows as CSV (LF line ends, trailing newline) with exactly the given columns in order. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
	const lines = [columns.map(cell).join(',')];
	for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(','));
	return lines.join('\n') + '\n';
}

/** Fixed 6-decimal text for a coordinate (≈ 0.1 m), so files are byte-stable. */
export function coord(x: number): string {
	return x.toFixed(6);
}
