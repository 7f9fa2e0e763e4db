/** One file, end to end: read -> map -> validate/type, with file-level failures as issues. */
import type { GeoRefs } from '../geocode.ts';
import type { TableName } from '../schema.ts';
import { fileError, fileIssue, ImportCancelled, ImportFileError, MSG_CANCELLED } from './issues.ts';
import type { ColumnMapping } from './mapping.ts';
import { parseFile } from './parse.ts';
import type { FileInput, ImportIssue, ParsedFile, ProgressOptions } from './types.ts';
import { validateAndType, type ValidationResult } from './validate.ts';

export interface ImportFileResult {
	/** null when the file could not be read at all (see issues) or the import was cancelled. */
	result: ValidationResult | null;
	parsed: ParsedFile | null;
	issues: ImportIssue[];
	cancelled: boolean;
}

/**
 * Read and validate one file for `table`. Never throws for bad input: unreadable, empty or
 * truncated files and cancellation come back as issues. Reading is ~80 % of the progress.
 */
export async function importFile(
	table: TableName,
	input: FileInput,
	opts: ProgressOptions & { refs?: GeoRefs; mapping?: ColumnMapping; sheet?: string; headerRow?: number; maxIssues?: number } = {}
): Promise<ImportFileResult> {
	let parsed: ParsedFile | null = null;
	try {
		parsed = await parseFile(input, { sheet: opts.sheet, headerRow: opts.headerRow, signal: opts.signal, onProgress: (f) => opts.onProgress?.(0.8 * f) });
		const result = await validateAndType(table, parsed, opts.mapping, opts.refs ?? {}, {
			signal: opts.signal,
			maxIssues: opts.maxIssues,
			onProgress: (f) => opts.onProgress?.(0.8 + 0.2 * f)
		});
		return { result, parsed, issues: result.issues, cancelled: false };
	} catch (e) {
		if (e instanceof ImportCancelled) return { result: null, parsed, issues: [fileError(input.fileName, 'cancelled', MSG_CANCELLED)], cancelled: true };
		if (e instanceof ImportFileError) return { result: null, parsed, issues: [fileIssue(input.fileName, e)], cancelled: false };
		const m = (e as Error).message;
		return {
			result: null,
			parsed,
			issues: [fileError(input.fileName, 'unreadable', { de: `Die Datei konnte nicht gelesen werden: ${m}`, en: `The file could not be read: ${m}` })],
			cancelled: false
		};
	}
}
