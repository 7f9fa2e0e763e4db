/**
 * Collects import issues with a cap, so a million bad rows do not build a million messages:
 * the first `maxPerSeverity` errors and warnings are kept, the rest are only counted.
 */
import type { ImportIssue, Msg, Severity } from './types.ts';

export class IssueList {
	readonly items: ImportIssue[] = [];
	errors = 0;
	warnings = 0;
	constructor(
		readonly file: string,
		readonly maxPerSeverity = 200
	) {}

	add(severity: Severity, row: number | null, column: string | null, code: string, message: Msg): void {
		const n = severity === 'error' ? ++this.errors : ++this.warnings;
		if (n <= this.maxPerSeverity) this.items.push({ severity, file: this.file, row, column, code, message });
	}
	error(row: number | null, column: string | null, code: string, message: Msg): void {
		this.add('error', row, column, code, message);
	}
	warn(row: number | null, column: string | null, code: string, message: Msg): void {
		this.add('warning', row, column, code, message);
	}
	/** Issues plus one summary line per severity whose list was truncated. */
	list(): ImportIssue[] {
		const out = [...this.items];
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

/** A file-level error (unreadable, empty, cancelled) as an issue. */
export function fileError(file: string, code: string, message: Msg): ImportIssue {
	return { severity: 'error', file, row: null, column: null, code, message };
}

/** Thrown by readers for problems that make the whole file unusable. */
export class ImportFileError extends Error {
	constructor(
		readonly code: string,
		readonly msg: Msg
	) {
		super(msg.en);
	}
}

/** Thrown when an AbortSignal fired; callers turn it into a clean 'cancelled' result. */
export class ImportCancelled extends Error {
	constructor() {
		super('cancelled');
	}
}

export const MSG_CANCELLED: Msg = { de: 'Import abgebrochen; es wurde nichts gespeichert.', en: 'Import cancelled; nothing was saved.' };
