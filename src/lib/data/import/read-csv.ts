/**
 * CSV reader for files already in memory: the streaming reader of csv-stream.ts (encoding detection,
 * BOM, delimiter detection, incremental parse) run to the end, yielding to the event loop between
 * chunks so a progress bar can move and an AbortSignal can cancel. Large files in the app do not come
 * here: they stream chunk by chunk through stream.ts in the import worker.
 */
import { bytesSource, CsvReader } from './csv-stream.ts';
import { ImportCancelled, ImportFileError } from './issues.ts';
import type { FileInput, ParsedFile, ProgressOptions, RawCell } from './types.ts';
import { windows1252Decoder } from '../../util/windows-1252.ts';

export { detectDelimiter, DELIMITERS } from './csv-stream.ts';

/** Decode bytes: strict UTF-8 first (with or without BOM), Windows-1252 if that fails. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: windows1252Decoder().decode(bytes), encoding: 'windows-1252' };
	}
}

const CHUNK_BYTES = 1 << 20;
const yieldNow = () => new Promise<void>((r) => setTimeout(r, 0));

/** Read a CSV file. Throws ImportFileError (empty file) or ImportCancelled. */
export async function readCsv(input: FileInput, opts: ProgressOptions & { chunkBytes?: number; headerRow?: number } = {}): Promise<ParsedFile> {
	const reader = await CsvReader.open(bytesSource(input.bytes), { chunkBytes: opts.chunkBytes ?? CHUNK_BYTES, signal: opts.signal, headerRow: opts.headerRow });
	const rows: RawCell[][] = [];
	const rowNumbers: number[] = [];
	for (let c = await reader.next(); c; c = await reader.next()) {
		for (let i = 0; i < c.rows.length; i++) {
			rows.push(c.rows[i]);
			rowNumbers.push(c.rowNumbers[i]);
		}
		await yieldNow();
		if (opts.signal?.aborted) throw new ImportCancelled();
		opts.onProgress?.(reader.fraction);
	}
	if (opts.signal?.aborted) throw new ImportCancelled();
	opts.onProgress?.(1);
	if (reader.headers.length === 0) throw new ImportFileError('empty_file', { de: 'Die Datei ist leer.', en: 'The file is empty.' });
	return { fileName: input.fileName, format: 'csv', headers: reader.headers, rows, rowNumbers, info: { ...reader.info } };
}
