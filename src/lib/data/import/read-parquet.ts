/** Parquet reader (hyparquet + hyparquet-compressors), entirely from an in-memory ArrayBuffer. */
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ImportFileError } from './issues.ts';
import type { FileInput, ParsedFile, RawCell } from './types.ts';

function plain(v: unknown): RawCell {
	if (v === null || v === undefined) return null;
	if (typeof v === 'bigint') return Number(v);
	if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
	return String(v);
}

export async function readParquet(input: FileInput): Promise<ParsedFile> {
	const file = input.bytes.slice().buffer as ArrayBuffer;
	let headers: string[];
	let objects: Record<string, unknown>[];
	try {
		const meta = parquetMetadata(file);
		headers = meta.schema.slice(1).filter((s) => !s.num_children).map((s) => s.name);
		objects = (await parquetReadObjects({ file, compressors })) as Record<string, unknown>[];
	} catch (e) {
		throw new ImportFileError('parquet_unreadable', {
			de: `Die Parquet-Datei ist beschädigt oder unvollständig (${(e as Error).message}).`,
			en: `The Parquet file is damaged or truncated (${(e as Error).message}).`
		});
	}
	const rows = objects.map((o) => headers.map((h) => plain(o[h])));
	return { fileName: input.fileName, format: 'parquet', headers, rows, rowNumbers: rows.map((_, i) => i + 1), info: {} };
}
