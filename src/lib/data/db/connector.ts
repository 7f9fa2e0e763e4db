/**
 * One small interface over DuckDB so the same query functions run in the browser (duckdb-wasm in a
 * Web Worker), in Node tests and the CLI (duckdb-wasm's blocking Node bindings: the same engine as
 * the browser). Results come back as Arrow tables; `rows()` turns them into plain objects.
 */
import type { Table } from 'apache-arrow';

export interface Db {
	/** Run a statement or query and return its result as an Arrow table. */
	arrow(sql: string): Promise<Table>;
	/** Run a statement, ignore the result. */
	exec(sql: string): Promise<void>;
	/** Insert an Arrow table: `create` replaces the table, `append` adds rows to an existing one. */
	insertArrow(table: Table, name: string, mode: 'create' | 'append'): Promise<void>;
	/** Release the connection and the engine. */
	close(): Promise<void>;
	/**
	 * Make a file readable by `name` in SQL (read_csv): a File/Blob, read lazily where the engine can, or
	 * bytes. Optional: engines without it leave imports to the JavaScript reader.
	 */
	registerFile?(name: string, data: RegisterableFile): Promise<void>;
	/** Forget a registered file. */
	dropFile?(name: string): Promise<void>;
	/** A query's result as Arrow IPC stream bytes, as the engine wrote them (no decode and re-encode). Optional. */
	ipc?(sql: string): Promise<Uint8Array>;
}

/** A File/Blob (anything with slice/arrayBuffer and a size) or bytes in memory. */
export type RegisterableFile = Uint8Array | { readonly size: number; slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> } };

/** The bytes of a registerable file (engines that need them in memory). */
export async function fileBytes(data: RegisterableFile): Promise<Uint8Array> {
	return data instanceof Uint8Array ? data : new Uint8Array(await data.slice(0, data.size).arrayBuffer());
}

/** Query and return plain JS rows (BigInt converted to number where safe). */
export async function rows<T = Record<string, unknown>>(db: Db, sql: string): Promise<T[]> {
	return arrowToRows<T>(await db.arrow(sql));
}

/** Convert an Arrow table to plain objects: BIGINT → number, DATE → ISO date string. */
export function arrowToRows<T = Record<string, unknown>>(t: Table): T[] {
	const fields = t.schema.fields;
	const out: T[] = new Array(t.numRows);
	const cols = fields.map((f) => t.getChild(f.name)!);
	const kinds = fields.map((f) => String(f.type));
	// DECIMAL comes back unscaled (SELECT 0.5 → 5 with scale 1): divide by 10^scale.
	const scales = fields.map((f) => 10 ** ((f.type as { scale?: number }).scale ?? 0));
	for (let i = 0; i < t.numRows; i++) {
		const r: Record<string, unknown> = {};
		for (let j = 0; j < fields.length; j++) r[fields[j].name] = plain(cols[j].get(i), kinds[j], scales[j]);
		out[i] = r as T;
	}
	return out;
}

function plain(v: unknown, kind: string, scale: number): unknown {
	if (v === null || v === undefined) return null;
	if (typeof v === 'bigint') return Number(v);
	if (kind.startsWith('Date')) {
		const d = typeof v === 'number' ? new Date(v) : (v as Date);
		return d.toISOString().slice(0, 10);
	}
	if (kind.startsWith('Decimal')) return Number(v) / scale;
	return v;
}

/** Settings every connection needs: never try to download an extension (it would hang offline). */
export const CONNECT_SQL = ['SET autoload_known_extensions=false', 'SET autoinstall_known_extensions=false'];

/** Escape a string literal for SQL. */
export function lit(v: string | number | boolean | null): string {
	if (v === null) return 'NULL';
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
	if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
	// A NUL would end the statement text inside DuckDB's parser: spell it as chr(0).
	return "'" + v.replaceAll("'", "''").replaceAll('\u0000', "' || chr(0) || '") + "'";
}
