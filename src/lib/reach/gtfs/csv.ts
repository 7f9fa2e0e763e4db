/**
 * A byte-level, streaming RFC 4180 reader for GTFS text files. Chunks of UTF-8 bytes go in (any split:
 * inside a field, a quoted field, a CRLF or a multi-byte character), rows come out as field byte ranges
 * over a reused buffer: no file is ever one string, no row is an object, and a field becomes a string
 * only when the caller asks for it (ids are looked up by their bytes, times and numbers parsed from
 * bytes). Handles quotes with doubled-quote escapes and line breaks inside, CRLF/LF/CR, a UTF-8 BOM.
 *
 * Row numbers are record numbers, 1-based, header = 1 (blank lines count, they are skipped).
 */
import { GtfsError, type WarningSink } from './errors.ts';
import { MAX_HOURS } from './time.ts';
import { windows1252Decoder } from '../../util/windows-1252.ts';

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
		if (i < 0) {
			const hint = formatHint(this.names);
			throw new GtfsError(
				'missing_column',
				{ de: `Pflichtspalte ${name} fehlt${hint ? ` (${hint.de})` : ''}`, en: `Required column ${name} is missing${hint ? ` (${hint.en})` : ''}` },
				{ file: this.file, row: 1, column: name }
			);
		}
		return i;
	}
}

/** Why a header lacks its columns when the file is no GTFS text at all: UTF-16, or another separator. */
function formatHint(names: readonly string[]): { de: string; en: string } | null {
	const all = names.join(',');
	if (all.includes('\u0000') || /^[\ufffe\ufeff]/.test(all) || /^\ufffd\ufffd/.test(all))
		return { de: 'die Datei ist UTF-16; GTFS verlangt UTF-8', en: 'the file is UTF-16; GTFS requires UTF-8' };
	for (const [sep, de, en] of [[';', 'Strichpunkt', 'semicolon'], ['\t', 'Tabulator', 'tab'], ['|', 'senkrechtem Strich', 'vertical bar']] as const)
		if (names.length === 1 && names[0].includes(sep)) return { de: `die Spalten sind mit ${de} getrennt; GTFS verlangt Komma`, en: `the columns are separated by ${en}; GTFS requires commas` };
	return null;
}

const QUOTE = 34, COMMA = 44, LF = 10, CR = 13, SPACE = 32, COLON = 58, D0 = 48, D9 = 57;
/** GTFS text is UTF-8; a field that is not (a feed saved as Windows-1252) is read as Windows-1252 and counted. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
const ansi = windows1252Decoder();

/**
 * One row: field i spans buf[start[i], end[i]) (quotes stripped); `esc[i]` = 1 when it holds doubled
 * quotes to unescape. Valid only during the sink's `row` call. Missing trailing fields read as empty.
 */
export class CsvRow {
	buf: Uint8Array = new Uint8Array(0);
	start = new Int32Array(32);
	end = new Int32Array(32);
	esc = new Uint8Array(32);
	count = 0;
	/** Record number (header = 1). */
	line = 0;
	/** Fields read by `text` that were not UTF-8 (read as Windows-1252), and the record of the first. */
	notUtf8 = 0;
	notUtf8Line = 0;

	/** Whether field i is absent or has no bytes. */
	isEmpty(i: number): boolean {
		return i < 0 || i >= this.count || this.start[i] === this.end[i];
	}

	/** Field i as a string ('' when absent). */
	text(i: number): string {
		if (i < 0 || i >= this.count) return '';
		const bytes = this.buf.subarray(this.start[i], this.end[i]);
		let s: string;
		try {
			s = utf8.decode(bytes);
		} catch {
			s = ansi.decode(bytes);
			if (this.notUtf8++ === 0) this.notUtf8Line = this.line;
		}
		return this.esc[i] ? s.replace(/""/g, '"') : s;
	}

	/** Whether field i, spaces trimmed, is exactly the one ASCII character `ch` (e.g. '1'). */
	isChar(i: number, ch: string): boolean {
		if (i < 0 || i >= this.count) return false;
		let s = this.start[i], e = this.end[i];
		const b = this.buf;
		while (s < e && b[s] === SPACE) s++;
		while (e > s && b[e - 1] === SPACE) e--;
		return e - s === 1 && b[s] === ch.charCodeAt(0);
	}

	/**
	 * GTFS time `H:MM:SS` (hours may exceed 24) in seconds, parsed from the bytes: -1 when empty, NaN when
	 * malformed (same rules as {@link parseGtfsTime}).
	 */
	time(i: number): number {
		if (i < 0 || i >= this.count) return -1;
		const b = this.buf;
		let p = this.start[i];
		const e = this.end[i];
		if (this.esc[i]) return NaN;
		while (p < e && b[p] === SPACE) p++;
		if (p === e) return -1;
		let h = 0, m = 0, sec = 0, part = 0, digits = 0;
		for (; p < e; p++) {
			const c = b[p];
			if (c >= D0 && c <= D9) {
				const d = c - D0;
				if (part === 0) h = h * 10 + d;
				else if (part === 1) m = m * 10 + d;
				else sec = sec * 10 + d;
				digits++;
			} else if (c === COLON) {
				if (digits === 0) return NaN;
				part++;
				digits = 0;
				if (part > 2) return NaN;
			} else if (c === SPACE) {
				// Spaces may end the field; anything after them is no time («06:03:00 xyz»).
				while (p < e && b[p] === SPACE) p++;
				if (p < e) return NaN;
				break;
			} else return NaN;
		}
		if (part !== 2 || digits === 0 || m > 59 || sec > 59 || h > MAX_HOURS) return NaN;
		return h * 3600 + m * 60 + sec;
	}

	/** Field i as a number: plain digits parsed from the bytes, anything else through `Number()`; NaN when empty (not 0). */
	num(i: number): number {
		if (i < 0 || i >= this.count) return NaN;
		const b = this.buf;
		const s = this.start[i], e = this.end[i];
		if (e > s && e - s < 10) {
			let v = 0, p = s;
			for (; p < e; p++) {
				const c = b[p];
				if (c < D0 || c > D9) break;
				v = v * 10 + c - D0;
			}
			if (p === e) return v;
		}
		const t = this.text(i).trim();
		return t === '' ? NaN : Number(t);
	}

	/** Field i as a YYYYMMDD integer (spaces trimmed), or NaN. */
	ymd(i: number): number {
		if (i < 0 || i >= this.count) return NaN;
		const b = this.buf;
		let s = this.start[i], e = this.end[i];
		while (s < e && b[s] === SPACE) s++;
		while (e > s && b[e - 1] === SPACE) e--;
		if (e - s !== 8) return NaN;
		let v = 0;
		for (let p = s; p < e; p++) {
			const c = b[p];
			if (c < D0 || c > D9) return NaN;
			v = v * 10 + c - D0;
		}
		return v;
	}
}

/** Receives the rows of one file. */
export interface RowSink {
	header(h: CsvHeader): void;
	row(r: CsvRow): void;
	/** After the last row (the row object still holds what was counted while reading, e.g. `notUtf8`). */
	done?(r: CsvRow): void;
}

/** The warning of a file whose text was not UTF-8 (its names read as Windows-1252), if any. */
export function warnNotUtf8(warn: WarningSink, file: string, r: CsvRow): void {
	if (r.notUtf8)
		warn.add(
			'not_utf8',
			{ de: 'Text nicht in UTF-8 (wie GTFS verlangt), als Windows-1252 gelesen: Namen mit Umlauten prüfen', en: 'Text not in UTF-8 (as GTFS requires), read as Windows-1252: check names with umlauts' },
			`${file} row ${r.notUtf8Line} (${r.notUtf8} ${r.notUtf8 === 1 ? 'field' : 'fields'})`
		);
}

/** Longest record accepted: GTFS rows are short; more means an unclosed quote or not a text file. */
export const MAX_RECORD_BYTES = 8 << 20;

/**
 * Push-based CSV reader: `push(chunk)` as bytes arrive, `end()` once. Calls `sink.header` for the first
 * non-blank record and `sink.row` for every further non-blank one.
 */
export class CsvReader {
	private buf = new Uint8Array(1 << 16);
	private len = 0;
	private header: CsvHeader | undefined;
	private readonly row = new CsvRow();
	private bomChecked = false;
	/** Bytes of input so far (for progress). */
	bytesIn = 0;

	constructor(
		readonly file: string,
		private readonly sink: RowSink
	) {}

	push(chunk: Uint8Array): void {
		this.bytesIn += chunk.length;
		if (this.len + chunk.length > this.buf.length) {
			let cap = this.buf.length;
			while (cap < this.len + chunk.length) cap *= 2;
			const b = new Uint8Array(cap);
			b.set(this.buf.subarray(0, this.len));
			this.buf = b;
		}
		this.buf.set(chunk, this.len);
		this.len += chunk.length;
		this.parse(false);
	}

	end(): void {
		this.parse(true);
		if (!this.header) throw new GtfsError('empty_file', { de: 'Datei ist leer', en: 'File is empty' }, { file: this.file, row: 1 });
		this.sink.done?.(this.row);
	}

	private fail(kind: 'quote' | 'long'): never {
		const line = this.row.line + 1;
		if (kind === 'quote')
			throw new GtfsError('bad_csv', { de: 'Nicht geschlossenes Anführungszeichen', en: 'Unterminated quoted field' }, { file: this.file, row: line });
		throw new GtfsError(
			'bad_csv',
			{
				de: `Zeile länger als ${MAX_RECORD_BYTES >> 20} MiB (nicht geschlossenes Anführungszeichen oder keine Textdatei)`,
				en: `Row longer than ${MAX_RECORD_BYTES >> 20} MiB (unterminated quote or not a text file)`
			},
			{ file: this.file, row: line }
		);
	}

	/** Emit every complete record in buf; keep the incomplete rest (all of it when `final`). */
	private parse(final: boolean): void {
		const b = this.buf, len = this.len, row = this.row;
		let p = 0;
		if (!this.bomChecked) {
			if (len < 3 && !final) return;
			this.bomChecked = true;
			if (len >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) p = 3;
		}
		row.buf = b;
		let consumed = p; // end of the last complete record
		records: while (p < len) {
			let nf = 0;
			for (;;) {
				if (nf === row.start.length) this.grow();
				if (p >= len) {
					// a field that starts at the end of the data: empty last field, or more bytes to come
					if (!final) break records;
					row.start[nf] = row.end[nf] = p;
					row.esc[nf++] = 0;
					break;
				}
				if (b[p] === QUOTE) {
					let q = p + 1, esc = 0;
					for (;;) {
						q = b.indexOf(QUOTE, q);
						if (q < 0 || q >= len) {
							if (final) this.fail('quote');
							break records;
						}
						if (q + 1 >= len && !final) break records; // cannot tell "" from " yet
						if (b[q + 1] === QUOTE) {
							esc = 1;
							q += 2;
							continue;
						}
						break;
					}
					row.start[nf] = p + 1;
					row.end[nf] = q;
					row.esc[nf++] = esc;
					p = q + 1;
					while (p < len) {
						const c = b[p];
						if (c === COMMA || c === LF || c === CR) break;
						p++; // bytes after the closing quote are ignored
					}
				} else {
					let j = p;
					while (j < len) {
						const c = b[j];
						if (c === COMMA || c === LF || c === CR) break;
						j++;
					}
					row.start[nf] = p;
					row.end[nf] = j;
					row.esc[nf++] = 0;
					p = j;
				}
				if (p >= len) {
					if (!final) break records;
					break; // last record without a line break
				}
				const c = b[p];
				if (c === COMMA) {
					p++;
					continue;
				}
				if (c === CR) {
					if (p + 1 >= len && !final) break records; // a LF may follow in the next chunk
					p++;
					if (p < len && b[p] === LF) p++;
				} else p++;
				break;
			}
			consumed = p;
			row.count = nf;
			row.line++;
			if (nf === 1 && row.start[0] === row.end[0]) continue; // blank line
			if (!this.header) {
				const names: string[] = [];
				for (let i = 0; i < nf; i++) names.push(row.text(i));
				this.header = new CsvHeader(names, this.file);
				this.sink.header(this.header);
			} else this.sink.row(row);
		}
		if (final) {
			this.len = 0;
			return;
		}
		// keep the incomplete record for the next chunk
		if (len - consumed > MAX_RECORD_BYTES) this.fail(b[consumed] === QUOTE ? 'quote' : 'long');
		b.copyWithin(0, consumed, len);
		this.len = len - consumed;
	}

	private grow(): void {
		const r = this.row, n = r.start.length * 2;
		const s = new Int32Array(n), e = new Int32Array(n), x = new Uint8Array(n);
		s.set(r.start);
		e.set(r.end);
		x.set(r.esc);
		r.start = s;
		r.end = e;
		r.esc = x;
	}
}

/**
 * Iterate the rows of a whole text as string arrays (small files, tools and peers' adapters): the same
 * tokenizer, with every field decoded. `onRow(fields, row)` gets a reused array and the record number.
 */
export function readCsv(text: string, file: string, onHeader: (h: CsvHeader) => void, onRow: (fields: string[], row: number) => void): void {
	const fields: string[] = [];
	const reader = new CsvReader(file, {
		header: onHeader,
		row(r) {
			fields.length = r.count;
			for (let i = 0; i < r.count; i++) fields[i] = r.text(i);
			onRow(fields, r.line);
		}
	});
	reader.push(new TextEncoder().encode(text));
	reader.end();
}
