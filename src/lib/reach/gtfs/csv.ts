/**
 * Minimal RFC 4180 CSV reader for GTFS text files. It calls back once per row with a reused array of
 * field strings, so large files (stop_times.txt) do not allocate one object per row.
 */
import { GtfsError } from './errors.ts';

/** A parsed header: column index by name (-1 when absent). */
export class CsvHeader {
	readonly names: string[];
	constructor(names: string[], readonly file: string) {
		this.names = names.map((n) => n.trim());
	}
	/** Index of a column, or -1. */
	col(name: string): number {
		return this.names.indexOf(name);
	}
	/** Index of a column that must exist. */
	required(name: string): number {
		const i = this.col(name);
		if (i < 0)
			throw new GtfsError(
				'missing_column',
				{ de: `Pflichtspalte ${name} fehlt`, en: `Required column ${name} is missing` },
				{ file: this.file, row: 1, column: name }
			);
		return i;
	}
}

/**
 * Iterate rows of `text`. `onRow(fields, row)` gets the reused field array and the 1-based line number
 * (header = 1). Returns the header. Empty lines are skipped; a UTF-8 BOM is removed.
 */
export function readCsv(
	text: string,
	file: string,
	onHeader: (h: CsvHeader) => void,
	onRow: (fields: string[], row: number) => void
): void {
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const n = text.length;
	const fields: string[] = [];
	let row = 0;
	let header: CsvHeader | undefined;
	while (i < n) {
		fields.length = 0;
		row++;
		// parse one record
		for (;;) {
			let value: string;
			if (text.charCodeAt(i) === 34 /* " */) {
				let j = i + 1;
				let out = '';
				for (;;) {
					const q = text.indexOf('"', j);
					if (q < 0)
						throw new GtfsError(
							'bad_csv',
							{ de: 'Nicht geschlossenes Anführungszeichen', en: 'Unterminated quoted field' },
							{ file, row }
						);
					out += text.slice(j, q);
					if (text.charCodeAt(q + 1) === 34) {
						out += '"';
						j = q + 2;
					} else {
						i = q + 1;
						break;
					}
				}
				value = out;
				// skip to delimiter
				while (i < n) {
					const ch = text.charCodeAt(i);
					if (ch === 44 || ch === 10 || ch === 13) break;
					i++;
				}
			} else {
				let j = i;
				while (j < n) {
					const ch = text.charCodeAt(j);
					if (ch === 44 || ch === 10 || ch === 13) break;
					j++;
				}
				value = text.slice(i, j);
				i = j;
			}
			fields.push(value);
			const ch = text.charCodeAt(i);
			if (ch === 44) {
				i++;
				continue;
			}
			// end of record
			if (ch === 13) i++;
			if (text.charCodeAt(i) === 10) i++;
			break;
		}
		if (fields.length === 1 && fields[0] === '') continue; // blank line
		if (!header) {
			header = new CsvHeader(fields.slice(), file);
			onHeader(header);
		} else onRow(fields, row);
	}
	if (!header)
		throw new GtfsError('empty_file', { de: 'Datei ist leer', en: 'File is empty' }, { file, row: 1 });
}
