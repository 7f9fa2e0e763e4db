/**
 * CSV reader: detects the encoding (UTF-8, else Windows-1252), strips a BOM, detects the delimiter
 * (, ; tab |) and parses with papaparse in chunks, yielding to the event loop between chunks so a
 * progress bar can move and an AbortSignal can cancel.
 */
import Papa from 'papaparse';
import { ImportCancelled, ImportFileError } from './issues.ts';
import type { FileInput, ParsedFile, ProgressOptions, RawCell } from './types.ts';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Decode bytes: strict UTF-8 first (with or without BOM), Windows-1252 if that fails. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

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

const CHUNK_CHARS = 1 << 20;

/** Read a CSV file. Throws ImportFileError (empty file) or ImportCancelled. */
export async function readCsv(input: FileInput, opts: ProgressOptions = {}): Promise<ParsedFile> {
	const { text, encoding } = decodeText(input.bytes);
	const body = text.replace(/^\uFEFF/, '');
	if (body.trim() === '') throw new ImportFileError('empty_file', { de: 'Die Datei ist leer.', en: 'The file is empty.' });
	const delimiter = detectDelimiter(body);
	const rows: string[][] = [];
	const lineNumbers: number[] = [];
	// papaparse reports no line numbers; we count physical lines, including newlines inside quotes.
	let line = 1;
	const countLines = (r: string[]) => {
		let n = 1;
		for (const c of r) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) n++;
		return n;
	};
	await new Promise<void>((resolve, reject) => {
		Papa.parse<string[]>(body, {
			delimiter,
			skipEmptyLines: false,
			chunkSize: CHUNK_CHARS,
			chunk(res: Papa.ParseResult<string[]>, parser: Papa.Parser) {
				for (const r of res.data) {
					const here = line;
					line += countLines(r);
					if (r.length === 1 && r[0].trim() === '') continue; // blank line
					rows.push(r);
					lineNumbers.push(here);
				}
				parser.pause();
				setTimeout(() => {
					if (opts.signal?.aborted) {
						parser.abort();
						reject(new ImportCancelled());
						return;
					}
					opts.onProgress?.(Math.min(1, res.meta.cursor / body.length));
					parser.resume();
				}, 0);
			},
			complete: () => resolve(),
			error: (e: Error) => reject(e)
		});
	});
	if (opts.signal?.aborted) throw new ImportCancelled();
	opts.onProgress?.(1);
	if (rows.length === 0) throw new ImportFileError('empty_file', { de: 'Die Datei ist leer.', en: 'The file is empty.' });
	const headers = rows[0].map((h) => h.trim());
	const width = headers.length;
	const data: RawCell[][] = [];
	for (let i = 1; i < rows.length; i++) data.push(rows[i]);
	return {
		fileName: input.fileName,
		format: 'csv',
		headers,
		rows: data.map((r) => (r.length === width ? r : padTo(r, width))),
		rowNumbers: lineNumbers.slice(1),
		info: { delimiter, encoding }
	};
}

/** Keep short rows addressable by column index; extra cells are kept for the width check. */
function padTo(r: RawCell[], width: number): RawCell[] {
	if (r.length >= width) return r;
	return [...r, ...new Array(width - r.length).fill(null)];
}
