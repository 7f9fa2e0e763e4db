/**
 * One small interface over DuckDB so the same query functions run in the browser (duckdb-wasm in a
 * Web Worker), in Node tests and the CLI (duckdb-wasm's blocking Node bindings: the same engine as
 * the browser). Results come back as Arrow tables; `rows()` turns them into plain objects.
 */
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';

export interface Db {
	/** Run a statement or query and return its result as an Arrow table. */
	arrow(sql: string): Promise<Table>;
	/** Run a statement, ignore the result. */
	exec(sql: string): Promise<void>;
	/**
	 * Insert an Arrow table, or Arrow IPC bytes (stream or file format, e.g. as ipc() gave them: no decode
	 * and re-encode): `create` replaces the table, `append` adds rows to an existing one. Bytes may be
	 * handed to the engine's worker (duckdb-wasm in the browser): do not use them afterwards. A view into a
	 * larger buffer (a snapshot's tables) is copied first, so the rest of that buffer stays usable.
	 */
	insertArrow(table: Table | Uint8Array, name: string, mode: 'create' | 'append'): Promise<void>;
	/** Release the connection and the engine. */
	close(): Promise<void>;
	/**
	 * Make a file readable by `name` in SQL (read_csv): a File/Blob, read lazily where the engine can, or
	 * bytes. Optional: engines without it leave imports to the JavaScript reader.
	 */
	registerFile?(name: string, data: RegisterableFile): Promise<void>;
	/** Forget a registered file. */
	dropFile?(name: string): Promise<void>;
	/** A query's result as Arrow IPC bytes, as the engine wrote them (no decode and re-encode; duckdb-wasm: the file format). Optional. */
	ipc?(sql: string): Promise<Uint8Array>;
}

/** The end of an Arrow IPC stream: continuation marker 0xFFFFFFFF, then a message length of 0. */
const IPC_EOS = [255, 255, 255, 255, 0, 0, 0, 0];
const MAGIC = [65, 82, 82, 79, 87, 49]; // "ARROW1"

/**
 * Arrow IPC bytes in the stream format, which DuckDB's insert reads: the bytes themselves, or (the file
 * format, which ipc() gives) a view of the file's body, which is a stream (Arrow columnar format spec:
 * magic, padding, the stream, footer, footer length, magic). No copy, except to add the end marker to a
 * stream that lacks it (DuckDB inserts only once it has seen one). Null when the stream does not begin with
 * the schema (apache-arrow's own file writer keeps it in the footer only; bytes that are not Arrow): decode those.
 */
export function ipcStream(b: Uint8Array): Uint8Array | null {
	const magicAt = (at: number) => at >= 0 && MAGIC.every((x, i) => b[at + i] === x);
	let stream = b;
	if (b.length >= 18 && magicAt(0) && magicAt(b.length - 6)) {
		const footer = new DataView(b.buffer, b.byteOffset + b.length - 10, 4).getInt32(0, true);
		stream = b.subarray(8, b.length - 10 - footer);
	}
	// Not Arrow at all (a damaged store): for the decoder, which says so, not for DuckDB's, which would wait for more.
	if (!startsWithSchema(stream)) return null;
	const n = stream.length;
	if (n >= 8 && IPC_EOS.every((x, i) => stream[n - 8 + i] === x)) return stream;
	const ended = new Uint8Array(n + 8);
	ended.set(stream);
	ended.set(IPC_EOS, n);
	return ended;
}

/** What insertArrow hands DuckDB as an IPC stream: bytes as they are where ipcStream takes them, else (re-)encoded. */
export function insertStream(data: Table | Uint8Array): Uint8Array {
	return (data instanceof Uint8Array && ipcStream(data)) || tableToIPC(data instanceof Uint8Array ? tableFromIPC(data) : data, 'stream');
}

/**
 * Whether the first message of an IPC stream is the schema: its flatbuffer Message's header_type (field
 * 1 of the root table, Arrow's Message.fbs) is Schema (1).
 */
function startsWithSchema(s: Uint8Array): boolean {
	try {
		const v = new DataView(s.buffer, s.byteOffset, s.byteLength);
		const p = v.getUint32(0, true) === 0xffffffff ? 8 : 4; // continuation marker, then the length (older writers: the length only)
		const table = p + v.getUint32(p, true);
		const vtable = table - v.getInt32(table, true);
		if (v.getUint16(vtable, true) < 8) return false; // the vtable has no entry for field 1
		const at = v.getUint16(vtable + 6, true);
		return at !== 0 && v.getUint8(table + at) === 1;
	} catch {
		return false; // too short: not a stream we can hand over
	}
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
