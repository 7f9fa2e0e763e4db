/**
 * Commit a validated import into DuckDB atomically (staging table, then one transaction that
 * replaces the target; see replace.ts). Refuses data that still has errors, so a failed import
 * always leaves the previous table untouched.
 */
import type { Table } from 'apache-arrow';
import type { Db } from '../db/connector.ts';
import { replaceTable } from '../replace.ts';
import type { TableName } from '../schema.ts';
import type { ImportIssue } from './types.ts';

export class ImportRefused extends Error {
	constructor(readonly errors: number) {
		super(`import refused: ${errors} ${errors === 1 ? 'error' : 'errors'}`);
	}
}

/**
 * Replace `table` with `data`. Pass the validation result (or its issues) to have errors refuse the
 * commit; a bare Arrow table is committed as is.
 */
export async function commitImport(db: Db, table: TableName, data: Table | { arrow: Table; issues: ImportIssue[] }): Promise<number> {
	const arrow = 'issues' in data ? data.arrow : data;
	if ('issues' in data) {
		const errors = data.issues.filter((i) => i.severity === 'error').length;
		if (errors > 0) throw new ImportRefused(errors);
	}
	await replaceTable(db, table, arrow);
	return arrow.numRows;
}
