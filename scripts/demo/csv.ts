/** CSV reading and deterministic CSV writing in schema column order (the app's one CSV module, util/csv.ts). */
import { readFileSync } from 'node:fs';
import { parseCsvRecords, toCsvText, type CsvValue } from '../../src/lib/util/csv.ts';

/** Read a CSV file with a header row into string records. */
export function readCsv(file: string): Record<string, string>[] {
	return parseCsvRecords(readFileSync(file, 'utf8'));
}

export type Cell = CsvValue;

/** Write rows as CSV (LF line ends, trailing newline) with exactly the given columns in order. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
	return toCsvText(
		columns,
		rows.map((r) => columns.map((c) => r[c]))
	);
}

/** Fixed 6-decimal text for a coordinate (≈ 0.1 m), so files are byte-stable. */
export function coord(x: number): string {
	return x.toFixed(6);
}
