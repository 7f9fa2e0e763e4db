/**
 * CSV for the whole app, one reader and one writer:
 * - `CsvRowParser`: incremental RFC 4180 parsing of text chunks (the importer streams files through it);
 * - `parseCsvText`: a whole (small) text to header + rows (shipped reference data, the demo scenario);
 * - `csvCell` / `toCsvText`: writing, with the delimiter, line ends and BOM the target expects, and
 *   formula neutralisation for files people open in a spreadsheet (OWASP "CSV injection").
 * (GTFS feeds are read by the byte-level streaming reader in reach/gtfs, which never decodes whole files.)
 */

/** Line breaks (CRLF, LF or CR) inside a quoted value: they move the user's row numbers on. */
function countBreaks(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 10) n++;
		else if (c === 13 && s.charCodeAt(i + 1) !== 10) n++;
	}
	return n;
}

/** Limits that keep a hostile or broken file from eating the page: one clear error instead of a hang. */
export interface CsvLimits {
	/** Fields per row (the widest table has ~20 columns; exports may carry a few hundred unused ones). */
	maxColumns: number;
	/** Characters per field (Excel itself stops at 32'767 per cell). */
	maxFieldChars: number;
	/** Characters per row, quoted line breaks included. */
	maxRowChars: number;
}

export const CSV_LIMITS: Readonly<CsvLimits> = { maxColumns: 1000, maxFieldChars: 100_000, maxRowChars: 1_000_000 };

export type CsvErrorCode = 'unterminated_quote' | 'too_many_columns' | 'field_too_long' | 'row_too_long';

/** A structural problem of the text: where it is (physical line, 0-based field) and what. */
export class CsvError extends Error {
	constructor(
		readonly code: CsvErrorCode,
		/** 1-based physical line where the row (or, for quotes and fields, the field) starts. */
		readonly line: number,
		/** 0-based index of the field in its row. */
		readonly field: number,
		/** The field that broke a limit was quoted (a quote that never closes is the usual cause). */
		readonly quoted = false
	) {
		super(`${code} at line ${line}, field ${field + 1}`);
	}
}

/** Every field empty or whitespace. */
function isBlankRow(row: string[]): boolean {
	for (const f of row) if (f.trim() !== '') return false;
	return true;
}

/**
 * Incremental RFC 4180 parser (quotes "", CRLF/LF/CR line ends). Lenient where a spreadsheet is: a quote
 * that is not followed by a delimiter or line end does not close the field. Strict where leniency loses
 * data: a quote that never closes is a CsvError naming the line it opened on (it would swallow every
 * following row into one field), and so is any row, field or column count beyond `limits`. Feed text with
 * `push(text, final)`; it returns the complete rows and the physical line each starts on (1-based, quoted
 * newlines counted), blank lines and rows of blank fields skipped (as the XLSX reader skips empty rows).
 * An incomplete row is carried to the next push, never more than `maxRowChars` of it.
 */
export class CsvRowParser {
	private carry = '';
	/** Line the next (carried) row starts on. */
	private line = 1;
	readonly limits: Readonly<CsvLimits>;
	constructor(
		readonly delimiter: string,
		limits: Partial<CsvLimits> = {}
	) {
		this.limits = { ...CSV_LIMITS, ...limits };
	}

	push(text: string, final: boolean): { rows: string[][]; lines: number[] } {
		const buf = this.carry.length ? this.carry + text : text;
		const rows: string[][] = [];
		const lines: number[] = [];
		const len = buf.length;
		const delim = this.delimiter;
		const { maxColumns, maxFieldChars, maxRowChars } = this.limits;
		let p = 0;
		/** Start of the row being parsed: an incomplete row is carried over from here. */
		let rowStart = 0;
		// Cached positions of the next delimiter / LF / CR, so each is searched once per occurrence.
		let nextD = -2;
		let nextLF = -2;
		let nextCR = -2;
		const find = (ch: string, cached: number, from: number) => (cached === -1 || cached >= from ? cached : buf.indexOf(ch, from));
		rowLoop: while (p < len) {
			rowStart = p;
			let breaks = 0;
			const row: string[] = [];
			for (;;) {
				if (row.length >= maxColumns) throw new CsvError('too_many_columns', this.line, row.length);
				// one field starting at p
				if (buf.charCodeAt(p) === 34 /* " */) {
					const fieldLine = this.line + breaks;
					let q = p + 1;
					let val = '';
					for (;;) {
						const j = buf.indexOf('"', q);
						if (j < 0) {
							if (len - p > maxFieldChars) throw new CsvError('field_too_long', fieldLine, row.length, true);
							if (!final) break rowLoop; // no closing quote yet: wait for more text
							throw new CsvError('unterminated_quote', fieldLine, row.length, true);
						}
						if (j - p > maxFieldChars) throw new CsvError('field_too_long', fieldLine, row.length, true);
						if (j + 1 >= len) {
							if (!final) break rowLoop; // maybe the first half of "" cut by the chunk
							val += buf.slice(q, j);
							q = len;
							break;
						}
						const next = buf.charCodeAt(j + 1);
						if (next === 34) {
							val += buf.slice(q, j + 1);
							q = j + 2;
							continue;
						}
						if (next === 10 || next === 13 || buf.startsWith(delim, j + 1)) {
							val += buf.slice(q, j);
							q = j + 1;
							break;
						}
						// A stray quote inside a quoted field: keep it, look for the real closing quote.
						val += buf.slice(q, j + 1);
						q = j + 1;
					}
					if (val.includes('\n') || val.includes('\r')) breaks += countBreaks(val);
					row.push(val);
					p = q;
				} else {
					nextD = find(delim, nextD, p);
					nextLF = find('\n', nextLF, p);
					nextCR = find('\r', nextCR, p);
					let end = len;
					if (nextLF >= 0) end = nextLF;
					if (nextCR >= 0 && nextCR < end) end = nextCR;
					const fieldEnd = nextD >= 0 && nextD < end ? nextD : end;
					if (fieldEnd - p > maxFieldChars) throw new CsvError('field_too_long', this.line + breaks, row.length);
					if (fieldEnd === nextD) {
						row.push(buf.slice(p, nextD));
						p = nextD + delim.length;
						continue;
					}
					if (end === len && !final) break rowLoop;
					row.push(buf.slice(p, end));
					p = end;
				}
				// after a field: delimiter, line end or end of data
				if (p >= len) {
					if (!final) break rowLoop;
					break;
				}
				const c = buf.charCodeAt(p);
				if (c === 10) {
					p++;
					break;
				}
				if (c === 13) {
					if (p + 1 >= len && !final) break rowLoop; // a CRLF cut between chunks
					p += buf.charCodeAt(p + 1) === 10 ? 2 : 1;
					break;
				}
				if (buf.startsWith(delim, p)) {
					p += delim.length;
					if (p >= len) {
						if (!final) break rowLoop;
						row.push(''); // "a,b," at the very end: an empty last field
						break;
					}
					continue;
				}
				// Text after a closing quote that is not a delimiter (cannot happen: see the quote rule).
				break;
			}
			if (p - rowStart > maxRowChars) throw new CsvError('row_too_long', this.line, 0);
			// A blank line, and a row of empty fields (";;;;": Excel writes one for each formatted row below the table).
			if (!isBlankRow(row)) {
				rows.push(row);
				lines.push(this.line);
			}
			this.line += 1 + breaks;
			rowStart = p;
		}
		if (len - rowStart > maxRowChars) throw new CsvError('row_too_long', this.line, 0);
		this.carry = buf.slice(rowStart);
		return { rows, lines };
	}
}

/** A whole CSV text as header and rows (blank lines skipped; a UTF-8 BOM removed). */
export function parseCsvText(text: string, delimiter = ','): { header: string[]; rows: string[][]; lines: number[] } {
	const { rows, lines } = new CsvRowParser(delimiter).push(text.replace(/^\uFEFF/, ''), true);
	const [header = [], ...body] = rows;
	return { header: header.map((h) => h.trim()), rows: body, lines: lines.slice(1) };
}

/** A whole CSV text as records keyed by the header (missing cells are ''). */
export function parseCsvRecords(text: string, delimiter = ','): Record<string, string>[] {
	const { header, rows } = parseCsvText(text, delimiter);
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvWriteOptions {
	/** Default ','. Swiss spreadsheet users expect ';'. */
	delimiter?: string;
	/** Default '\n'. */
	lineEnd?: string;
	/** Start with a UTF-8 BOM (Excel then reads umlauts right). Default false. */
	bom?: boolean;
	/**
	 * Neutralise text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR):
	 * prefixed with ' and quoted. Numbers are never touched. Default false (data files for programs).
	 */
	neutraliseFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text. */
export function csvCell(v: CsvValue, o: CsvWriteOptions = {}): string {
	if (v === null || v === undefined) return '';
	let s = String(v);
	const d = o.delimiter ?? ',';
	let quote = s.includes('"') || s.includes('\n') || s.includes('\r') || s.includes(d);
	if (o.neutraliseFormulas && typeof v === 'string' && FORMULA_START.test(s)) {
		s = "'" + s;
		quote = true;
	}
	return quote ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A whole CSV text: header line, then one line per row (values in header order). */
export function toCsvText(header: readonly string[], rows: Iterable<readonly CsvValue[]>, o: CsvWriteOptions = {}): string {
	const d = o.delimiter ?? ',';
	const nl = o.lineEnd ?? '\n';
	const out = [header.map((h) => csvCell(h, o)).join(d)];
	for (const r of rows) out.push(r.map((v) => csvCell(v, o)).join(d));
	return (o.bom ? '\uFEFF' : '') + out.join(nl) + nl;
}
