/**
 * Collects import issues with a cap, so a million bad rows do not build a million messages:
 * the first `maxPerSeverity` errors and warnings are kept, the rest are only counted.
 */
import type { ImportIssue, Msg, Severity } from './types.ts';

export class IssueList {
	readonly items: ImportIssue[] = [];
	/** Sort key of each kept item (see `order`). */
	private readonly keys: number[][] = [];
	errors = 0;
	warnings = 0;
	/**
	 * Where issues added now belong in the final list: [stage, sub-stage]; the row (or `sortRow`)
	 * follows. Validation runs chunk by chunk, but the list reads as if it ran check by check over
	 * the whole file (all type errors of a column together), as the user expects.
	 */
	order: [number, number] = [0, 0];
	constructor(
		readonly file: string,
		readonly maxPerSeverity = 200
	) {}

	add(severity: Severity, row: number | null, column: string | null, code: string, message: Msg, sortRow = row): void {
		const n = severity === 'error' ? ++this.errors : ++this.warnings;
		if (n <= this.maxPerSeverity) {
			this.items.push({ severity, file: this.file, row, column, code, message });
			this.keys.push([this.order[0], this.order[1], sortRow ?? -1, this.keys.length]);
		}
	}
	error(row: number | null, column: string | null, code: string, message: Msg): void {
		this.add('error', row, column, code, message);
	}
	warn(row: number | null, column: string | null, code: string, message: Msg): void {
		this.add('warning', row, column, code, message);
	}
	/** Issues plus one summary line per severity whose list was truncated. */
	list(): ImportIssue[] {
		const idx = this.items.map((_, i) => i);
		const k = this.keys;
		idx.sort((a, b) => k[a][0] - k[b][0] || k[a][1] - k[b][1] || k[a][2] - k[b][2] || k[a][3] - k[b][3]);
		const out = idx.map((i) => this.items[i]);
		for (const [sev, n] of [['error', this.errors], ['warning', this.warnings]] as const)
			if (n > this.maxPerSeverity)
				out.push({
					severity: sev,
					file: this.file,
					row: null,
					column: null,
					code: 'truncated',
					message: {
						de: `… und ${n - this.maxPerSeverity} weitere ${sev === 'error' ? 'Fehler' : 'Warnungen'} (insgesamt ${n})`,
						en: `… and ${n - this.maxPerSeverity} more ${sev === 'error' ? 'errors' : 'warnings'} (${n} in total)`
					}
				});
		return out;
	}
}

/** A file-level error (unreadable, empty, cancelled) as an issue; `row`/`column` when the reader knows where. */
export function fileError(file: string, code: string, message: Msg, row: number | null = null, column: string | null = null): ImportIssue {
	return { severity: 'error', file, row, column, code, message };
}

/** Thrown by readers for problems that make the whole file unusable (with the row and column, when known). */
export class ImportFileError extends Error {
	constructor(
		readonly code: string,
		readonly msg: Msg,
		readonly where: { row?: number | null; column?: string | null } = {}
	) {
		super(msg.en);
	}
}

/** An ImportFileError as the issue that names file, row and column. */
export function fileIssue(file: string, e: ImportFileError): ImportIssue {
	return fileError(file, e.code, e.msg, e.where.row ?? null, e.where.column ?? null);
}

/** Thrown when an AbortSignal fired; callers turn it into a clean 'cancelled' result. */
export class ImportCancelled extends Error {
	constructor() {
		super('cancelled');
	}
}

export const MSG_CANCELLED: Msg = { de: 'Import abgebrochen; es wurde nichts gespeichert.', en: 'Import cancelled; nothing was saved.' };
