/**
 * Streaming CSV: read a file in byte chunks (File.slice in the browser, a Uint8Array in Node), decode
 * each chunk (UTF-8, UTF-16 or Windows-1252: encoding.ts), and parse rows incrementally,
 * carrying an incomplete last row (a quoted field with newlines, a multi-byte character, a CRLF cut
 * between two chunks) over to the next chunk. Only one chunk of text and its rows are alive at a time,
 * so memory stays bounded by the chunk size, not the file size.
 *
 * Memory, measured for 1 M customer rows (42 MB CSV; bench/import-memory.ts, Node 20, 2026-11-23, see
 * bench/RESULTS.md "Import: peak memory, streaming"): the live JS heap after GC grows by ~9 MB over its
 * baseline while the whole file streams through parse + validate + Arrow batches + DuckDB staging
 * (Parquet: ~2 MB); peak RSS by ~0.2 GB (garbage V8 has not yet collected, and duckdb-wasm holding the
 * staged million rows, which any import needs); the whole-file path (read all, then validate) keeps
 * ~365 MB live and peaks ~0.6 GB higher. The streaming run completes with the V8 heap capped at 160 MB.
 * In chromium (bench/import-browser.mjs) the page's own heap stays near its idle level: the work runs
 * in the import worker. The 4 MB chunk, not the row count, sets the bound.
 */
import { ImportCancelled, ImportFileError } from './issues.ts';
import type { RawCell } from './types.ts';

export { bytesSource, blobSource, type ByteSource, type BlobLike } from '../../util/bytes.ts';
import type { ByteSource } from '../../util/bytes.ts';

/** Default read size: large enough for few DuckDB inserts, small enough to keep the heap flat. */
export const CHUNK_BYTES = 4 << 20;
/** Read size while looking for the header of a file the fast path will scan (CsvOpenOptions.headOnly). */
const HEAD_READ_BYTES = 64 << 10;

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Count occurrences of `d` outside double quotes in one line. */
function countOutsideQuotes(line: string, d: string): number {
	let n = 0;
	let quoted = false;
	for (const ch of line) {
		if (ch === '"') quoted = !quoted;
		else if (ch === d && !quoted) n++;
	}
	return n;
}

/** Up to `n` non-blank lines from the start of `text`, without splitting all of it (it may be a whole chunk). */
function firstLines(text: string, n: number): string[] {
	const out: string[] = [];
	const br = /\r\n|\n|\r/g;
	let at = 0;
	while (out.length < n && at < text.length) {
		const m = br.exec(text);
		const end = m ? m.index : text.length;
		const line = text.slice(at, end);
		if (line.trim() !== '') out.push(line);
		at = m ? br.lastIndex : text.length;
	}
	return out;
}

/**
 * The delimiter that splits most of the first lines into the same number of fields (the count most lines
 * share, > 0), the one with more fields on a tie; ',' when none occurs (one-column files). Judged over the
 * lines, not by the first one: title rows above the header ("Kundenliste 2025", "Stand: 1.1.2025") have none
 * or other separators, and the header row is found after the delimiter (header-row.ts).
 */
export function detectDelimiter(text: string): string {
	const lines = firstLines(text, 20);
	let best = ',';
	let bestScore = -1;
	for (const d of DELIMITERS) {
		const support = new Map<number, number>();
		for (const l of lines) {
			const n = countOutsideQuotes(l, d);
			if (n > 0) support.set(n, (support.get(n) ?? 0) + 1);
		}
		for (const [n, lineCount] of support) {
			const score = lineCount * 1000 + n;
			if (score > bestScore) [best, bestScore] = [d, score];
		}
	}
	return best;
}

export { CsvRowParser } from '../../util/csv.ts';
import { CSV_LIMITS, CsvError, CsvRowParser } from '../../util/csv.ts';
import { bomLength, decoderFor, ENCODING_LABEL, sniffEncoding, type TextEncoding } from './encoding.ts';
import type { TextDecoderLike } from '../../util/windows-1252.ts';
import { detectHeaderIndex, headerRowMissing, HEADER_SCAN_ROWS, titleRowsNote } from './header-row.ts';
import type { ReaderNote } from './types.ts';

/** A batch of data rows with the row numbers the user sees. */
export interface RowChunk {
	rows: RawCell[][];
	rowNumbers: number[];
}

export interface CsvInfo {
	delimiter: string;
	encoding: TextEncoding;
	/** Line of the header when it is not the first non-blank line (title rows, a `sep=` line, the user's choice). */
	headerRow?: number;
	notes?: ReaderNote[];
}

/** Strict UTF-8 over the whole file, else Windows-1252 (BOMs and UTF-16 are told apart: see encoding.ts). */
export async function detectEncoding(src: ByteSource, chunkBytes = CHUNK_BYTES, signal?: AbortSignal): Promise<TextEncoding> {
	return (await sniffEncoding(src, chunkBytes, signal)).encoding;
}

const EMPTY = () => new ImportFileError('empty_file', { de: 'Die Datei ist leer.', en: 'The file is empty.' });

const fmtInt = (n: number) => n.toLocaleString('de-CH');

/** The reader's structural refusals (util/csv.ts CsvError) as one message naming row and column. */
export function csvFileError(e: CsvError, headers: readonly string[]): ImportFileError {
	const column = headers[e.field] || `${e.field + 1}`;
	const where = { row: e.line, column: e.code === 'row_too_long' || e.code === 'too_many_columns' ? null : column };
	const L = CSV_LIMITS;
	switch (e.code) {
		case 'unterminated_quote':
			return new ImportFileError(e.code, {
				de: `Das Anführungszeichen am Anfang des Feldes in Zeile ${e.line}, Spalte «${column}», wird nie geschlossen: alle folgenden Zeilen fielen in dieses eine Feld. Das Anführungszeichen schliessen ("…") oder entfernen.`,
				en: `The quote that opens the field in row ${e.line}, column "${column}", is never closed: every following row would fall into that one field. Close the quote ("…") or remove it.`
			}, where);
		case 'field_too_long':
			return new ImportFileError(e.code, {
				de: `Das Feld in Zeile ${e.line}, Spalte «${column}», ist länger als ${fmtInt(L.maxFieldChars)} Zeichen${e.quoted ? ': vermutlich wird ein Anführungszeichen nie geschlossen' : ''}. Keine Tabellendaten; Datei prüfen.`,
				en: `The field in row ${e.line}, column "${column}", is longer than ${L.maxFieldChars.toLocaleString('en')} characters${e.quoted ? ': probably a quote that is never closed' : ''}. Not table data; check the file.`
			}, where);
		case 'row_too_long':
			return new ImportFileError(e.code, {
				de: `Zeile ${e.line} ist länger als ${fmtInt(L.maxRowChars)} Zeichen: keine Tabellendatei (falsches Format, oder die Zeilenumbrüche fehlen).`,
				en: `Row ${e.line} is longer than ${L.maxRowChars.toLocaleString('en')} characters: not a table file (wrong format, or the line breaks are missing).`
			}, where);
		case 'too_many_columns':
			return new ImportFileError(e.code, {
				de: `Zeile ${e.line} hat mehr als ${fmtInt(L.maxColumns)} Spalten: falsches Trennzeichen oder keine Tabellendatei.`,
				en: `Row ${e.line} has more than ${L.maxColumns.toLocaleString('en')} columns: wrong delimiter, or not a table file.`
			}, where);
	}
}

/** Excel's `sep=;` first line names the delimiter; the header follows on the next line. */
const SEP_LINE = /^sep=(.)[ \t]*(?:\r\n|\n|\r|$)/i;

export interface CsvOpenOptions {
	chunkBytes?: number;
	signal?: AbortSignal;
	encoding?: TextEncoding;
	/** Line of the header (1-based, as the user sees it); default: found from the first rows. */
	headerRow?: number;
	/** Check UTF-8 over the first chunk only (the fast path's readers check the rest). */
	headOnly?: boolean;
}

/**
 * A CSV file as a stream of row chunks: `open` finds the encoding, the delimiter and the header row;
 * `next()` returns the next chunk of data rows (one read of `chunkBytes`), or null at the end.
 */
export class CsvReader {
	private at: number;
	private done = false;
	private pending: RowChunk | null = null;
	readonly headers: string[] = [];
	/** Physical line of the header row. */
	readonly headerLine: number = 1;
	private constructor(
		private readonly src: ByteSource,
		private readonly decoder: TextDecoderLike,
		private readonly parser: CsvRowParser,
		readonly info: CsvInfo,
		private readonly chunkBytes: number,
		/** Bytes of a byte-order mark before the text. */
		readonly start: number
	) {
		this.at = start;
	}

	/** Share of the file handed out as rows so far (the rows read with the header count from byte 0). */
	get fraction(): number {
		if (this.pending) return 0;
		return this.src.size ? Math.min(1, this.at / this.src.size) : 1;
	}

	static async open(src: ByteSource, opts: CsvOpenOptions = {}): Promise<CsvReader> {
		if (src.size === 0) throw EMPTY();
		const chunkBytes = opts.chunkBytes ?? CHUNK_BYTES;
		const guess = opts.encoding
			? { encoding: opts.encoding, bom: bomLength(opts.encoding, await src.read(0, Math.min(src.size, 4))), mismatchedBom: false }
			: await sniffEncoding(src, chunkBytes, opts.signal, opts.headOnly ? chunkBytes : Infinity);
		const { encoding } = guess;
		// The delimiter comes from the first lines (from the header row on, when the user named it): 64 kB of
		// text, or up to 1 MB when title rows above the table are that long.
		let start = '';
		for (let bytes = HEAD_READ_BYTES; ; bytes *= 4) {
			start = decoderFor(encoding).decode(await src.read(guess.bom, Math.min(src.size, guess.bom + bytes)));
			// Enough when three whole lines are in (the fourth may be cut off).
			if (guess.bom + bytes >= src.size || bytes >= 1 << 20 || firstLines(start, 4).length === 4) break;
		}
		let head = start;
		const sep = SEP_LINE.exec(head);
		if (opts.headerRow && opts.headerRow > 1) head = head.split(/\r\n|\n|\r/).slice(opts.headerRow - 1).join('\n');
		const delimiter = sep ? sep[1] : detectDelimiter(head);
		const notes: ReaderNote[] = [];
		const named = ENCODING_LABEL[encoding];
		if (guess.mismatchedBom)
			notes.push({
				code: 'bom_mismatch',
				message: {
					de: `Die Datei beginnt mit einer UTF-8-Markierung (BOM), ist aber in ${named} geschrieben: als ${named} gelesen, die Markierung ignoriert. Umlaute in der Vorschau prüfen.`,
					en: `The file starts with a UTF-8 byte-order mark but is written in ${named}: read as ${named}, the mark ignored. Check the umlauts in the preview.`
				}
			});
		else if (encoding === 'macintosh' || encoding === 'ibm850') {
			// Told from Windows-1252 by how plausibly each code page reads its umlauts, which may err for a file with few.
			const [de, en] = encoding === 'macintosh' ? ['Excel für Mac, «Kommagetrennte Werte (.csv)»', 'Excel for Mac, "Comma Separated Values (.csv)"'] : ['Excel, «CSV (MS-DOS)»', 'Excel, "CSV (MS-DOS)"'];
			notes.push({
				code: 'code_page',
				message: {
					de: `Die Datei ist in ${named} geschrieben (${de}): so gelesen. Umlaute in der Vorschau prüfen; eindeutig ist der Export «CSV UTF-8».`,
					en: `The file is written in ${named} (${en}): read as such. Check the umlauts in the preview; the "CSV UTF-8" export is unambiguous.`
				}
			});
		}
		const info: CsvInfo = { delimiter, encoding };
		// The first rows (enough to tell a title from the header), however many reads that takes. For the fast
		// path, whose own scan reads the data, small reads: a whole chunk parsed into strings took ~0.1 s.
		const r = new CsvReader(src, decoderFor(encoding), new CsvRowParser(delimiter), info, chunkBytes, guess.bom);
		const headBytes = opts.headOnly ? Math.min(chunkBytes, HEAD_READ_BYTES) : chunkBytes;
		const rows: string[][] = [];
		const lines: number[] = [];
		const want = (opts.headerRow ?? 0) + HEADER_SCAN_ROWS;
		while (rows.length < want) {
			if (opts.signal?.aborted) throw new ImportCancelled();
			let got;
			try {
				got = await r.readRows(headBytes);
			} catch (e) {
				if (e instanceof ImportFileError && e.cause instanceof CsvError) throw csvFileError(e.cause, headerBefore(start, e.cause.line, delimiter));
				throw e;
			}
			if (!got) break;
			// (no spread: a chunk holds ~100'000 rows, more arguments than a call may take)
			for (let i = 0; i < got.rows.length; i++) {
				rows.push(got.rows[i]);
				lines.push(got.lines[i]);
			}
		}
		const first = sep && lines[0] === 1 ? 1 : 0; // the sep= line itself is no row
		let h: number;
		if (opts.headerRow) {
			h = lines.findIndex((l) => l >= opts.headerRow!);
			if (h < 0) throw new ImportFileError('header_row_missing', headerRowMissing(opts.headerRow, lines.at(-1) ?? null));
		} else {
			if (first >= rows.length) throw EMPTY();
			h = first + detectHeaderIndex(rows.slice(first));
			if (h > first) notes.push(titleRowsNote(lines[first], lines[h]));
		}
		if (lines[h] !== lines[0] || sep) info.headerRow = lines[h];
		(r as { headerLine: number }).headerLine = lines[h];
		if (notes.length) info.notes = notes;
		r.headers.push(...rows[h].map((x) => x.trim()));
		r.pending = { rows: rows.slice(h + 1), rowNumbers: lines.slice(h + 1) };
		return r;
	}

	/** One read: decoded, parsed rows (possibly none when a row spans the whole chunk). Null at the end. */
	/** The rows of the next `size` bytes (and of a row they leave open, on the next call). */
	private async readRows(size = this.chunkBytes): Promise<{ rows: string[][]; lines: number[] } | null> {
		if (this.done) return null;
		const end = Math.min(this.src.size, this.at + size);
		const bytes = await this.src.read(this.at, end);
		this.at = end;
		const final = end >= this.src.size;
		const text = this.decoder.decode(bytes, { stream: !final });
		if (final) this.done = true;
		try {
			return this.parser.push(text, final);
		} catch (e) {
			if (e instanceof CsvError) throw Object.assign(csvFileError(e, this.headers), { cause: e });
			throw e;
		}
	}

	/** The next chunk of data rows (short rows padded to the header's width), or null at the end. */
	async next(): Promise<RowChunk | null> {
		let chunk = this.pending;
		this.pending = null;
		while (!chunk || chunk.rows.length === 0) {
			const got = await this.readRows();
			if (!got) return chunk && chunk.rows.length ? chunk : null;
			chunk = { rows: got.rows, rowNumbers: got.lines };
		}
		const width = this.headers.length;
		const rows = chunk.rows;
		for (let i = 0; i < rows.length; i++) if (rows[i].length < width) rows[i] = padTo(rows[i], width);
		return chunk;
	}
}

/** The column names above a broken line, for its message (best effort: the lines before it, parsed alone). */
function headerBefore(head: string, line: number, delimiter: string): string[] {
	try {
		const { rows } = new CsvRowParser(delimiter).push(head.split(/\r\n|\n|\r/).slice(0, line - 1).join('\n'), true);
		return rows.length ? rows[detectHeaderIndex(rows)].map((x) => x.trim()) : [];
	} catch {
		return [];
	}
}

/** Keep short rows addressable by column index; extra cells are kept for the width check. */
function padTo(r: RawCell[], width: number): RawCell[] {
	const out = r.slice();
	while (out.length < width) out.push(null);
	return out;
}
