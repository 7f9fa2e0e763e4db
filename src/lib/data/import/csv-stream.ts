/**
 * Streaming CSV: read a file in byte chunks (File.slice in the browser, a Uint8Array in Node), decode
 * each chunk (UTF-8, or Windows-1252 when the file is not valid UTF-8), and parse rows incrementally,
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

/**
 * The delimiter whose count is the same (and > 0) on most of the first lines, preferring the one
 * with more columns in the header. Falls back to ',' (one-column files).
 */
export function detectDelimiter(text: string): string {
	const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
	if (lines.length === 0) return ',';
	let best = ',';
	let bestScore = -1;
	for (const d of DELIMITERS) {
		const head = countOutsideQuotes(lines[0], d);
		if (head === 0) continue;
		const consistent = lines.filter((l) => countOutsideQuotes(l, d) === head).length;
		const score = consistent * 1000 + head;
		if (score > bestScore) [best, bestScore] = [d, score];
	}
	return best;
}

export { CsvRowParser } from '../../util/csv.ts';
import { CsvRowParser } from '../../util/csv.ts';

/** A batch of data rows with the row numbers the user sees. */
export interface RowChunk {
	rows: RawCell[][];
	rowNumbers: number[];
}

export interface CsvInfo {
	delimiter: string;
	encoding: 'utf-8' | 'windows-1252';
}

/**
 * Strict UTF-8 over the whole file (streamed, stops at the first invalid byte), else Windows-1252.
 * Reads the file once more than parsing does, but never holds more than one chunk.
 */
export async function detectEncoding(src: ByteSource, chunkBytes = CHUNK_BYTES, signal?: AbortSignal): Promise<'utf-8' | 'windows-1252'> {
	const dec = new TextDecoder('utf-8', { fatal: true });
	try {
		for (let at = 0; at < src.size; at += chunkBytes) {
			if (signal?.aborted) throw new ImportCancelled();
			dec.decode(await src.read(at, Math.min(src.size, at + chunkBytes)), { stream: true });
		}
		dec.decode();
		return 'utf-8';
	} catch (e) {
		if (e instanceof ImportCancelled) throw e;
		return 'windows-1252';
	}
}

const EMPTY = () => new ImportFileError('empty_file', { de: 'Die Datei ist leer.', en: 'The file is empty.' });

/**
 * A CSV file as a stream of row chunks: `open` finds the encoding, the delimiter and the header row;
 * `next()` returns the next chunk of data rows (one read of `chunkBytes`), or null at the end.
 */
export class CsvReader {
	private at = 0;
	private done = false;
	private pending: RowChunk | null = null;
	private constructor(
		private readonly src: ByteSource,
		private readonly decoder: TextDecoder,
		private readonly parser: CsvRowParser,
		readonly headers: string[],
		readonly info: CsvInfo,
		private readonly chunkBytes: number
	) {}

	/** Share of the file handed out as rows so far (the rows read with the header count from byte 0). */
	get fraction(): number {
		if (this.pending) return 0;
		return this.src.size ? Math.min(1, this.at / this.src.size) : 1;
	}

	static async open(src: ByteSource, opts: { chunkBytes?: number; signal?: AbortSignal; encoding?: CsvInfo['encoding'] } = {}): Promise<CsvReader> {
		if (src.size === 0) throw EMPTY();
		const chunkBytes = opts.chunkBytes ?? CHUNK_BYTES;
		const encoding = opts.encoding ?? (await detectEncoding(src, chunkBytes, opts.signal));
		// The delimiter comes from the first 64 kB of text.
		const head = new TextDecoder(encoding).decode(await src.read(0, Math.min(src.size, 64 * 1024)));
		// The UTF-8 decoder drops a BOM itself; Windows-1252 files have none.
		const decoder = new TextDecoder(encoding);
		const delimiter = detectDelimiter(head.replace(/^\uFEFF/, ''));
		const r = new CsvReader(src, decoder, new CsvRowParser(delimiter), [], { delimiter, encoding }, chunkBytes);
		// The header: the first non-blank row, however many chunks that takes.
		let first: { rows: string[][]; lines: number[] } | null = null;
		while (!first) {
			if (opts.signal?.aborted) throw new ImportCancelled();
			const got = await r.readRows();
			if (!got) throw EMPTY();
			if (got.rows.length) first = got;
		}
		(r as { headers: string[] }).headers = first.rows[0].map((h) => h.trim());
		r.pending = { rows: first.rows.slice(1), rowNumbers: first.lines.slice(1) };
		return r;
	}

	/** One read: decoded, parsed rows (possibly none when a row spans the whole chunk). Null at the end. */
	private async readRows(): Promise<{ rows: string[][]; lines: number[] } | null> {
		if (this.done) return null;
		const end = Math.min(this.src.size, this.at + this.chunkBytes);
		const bytes = await this.src.read(this.at, end);
		this.at = end;
		const final = end >= this.src.size;
		const text = this.decoder.decode(bytes, { stream: !final });
		if (final) this.done = true;
		return this.parser.push(text, final);
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

/** Keep short rows addressable by column index; extra cells are kept for the width check. */
function padTo(r: RawCell[], width: number): RawCell[] {
	const out = r.slice();
	while (out.length < width) out.push(null);
	return out;
}
