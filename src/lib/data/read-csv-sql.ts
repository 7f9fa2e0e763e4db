/**
 * DuckDB `read_csv` with everything stated (header, delimiter, quoting, column names and types from
 * schema.ts) and the sniffer off: the fast, deterministic way to bulk-load a well-formed CSV in native
 * DuckDB (CLI, scale runs) and in duckdb-wasm alike. It skips the importer's validation, so use it for
 * files a pipeline wrote (engine matrices, exports, generated data), not for hand-made files.
 */
import { lit } from './db/connector.ts';
import { duckType, tables, type TableName } from './schema.ts';
import { locationInputs } from './schema.ts';

export interface ReadCsvOptions {
	delimiter?: string;
	/** Extra read_csv options, e.g. `{ parallel: 'false' }` (values are SQL literals). */
	extra?: Record<string, string>;
}

/**
 * `read_csv(...)` table expression for `file` whose header row is `headers` (in file order). Types
 * come from the schema table's columns (and the location inputs e/n/plz); unknown headers are VARCHAR.
 */
export function readCsvSql(table: TableName, file: string, headers: readonly string[], opts: ReadCsvOptions = {}): string {
	const defs = new Map([...tables[table].columns, ...locationInputs].map((c) => [c.name, c]));
	const cols = headers.map((h) => `${lit(h)}: ${lit(defs.has(h) ? duckType(defs.get(h)!.type) : 'VARCHAR')}`).join(', ');
	const extra = Object.entries(opts.extra ?? {})
		.map(([k, v]) => `, ${k}=${v}`)
		.join('');
	return `read_csv(${lit(file)}, header=true, delim=${lit(opts.delimiter ?? ',')}, quote='"', escape='"', columns={${cols}}, auto_detect=false${extra})`;
}
