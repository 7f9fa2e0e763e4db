/**
 * DuckDB for Node (vitest, CLI, benchmarks): duckdb-wasm's blocking Node bindings, i.e. the very
 * engine the browser runs, so tests exercise the same SQL dialect and limits.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { CONNECT_SQL, fileBytes, insertStream, type Db } from './connector.ts';

const require = createRequire(import.meta.url);

/**
 * The raw duckdb-wasm blocking database for Node (no connection yet). Benchmarks use it directly
 * for functions outside the Db interface (e.g. registerFileBuffer).
 */
export async function instantiateNodeWasm() {
	const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
	const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
	const bundles = {
		mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
		eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') }
	};
	const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
	await db.instantiate(() => {});
	return db;
}

/**
 * Arrow IPC stream of a table returned by this module's `arrow()`. Those tables are built by the
 * CommonJS apache-arrow the blocking bindings require, which the ESM `tableToIPC` does not recognise
 * (it writes nothing), so serialise with the same CommonJS instance.
 */
export function resultToIPC(table: Table): Uint8Array {
	return require('apache-arrow').tableToIPC(table, 'stream');
}

/** Open an in-memory DuckDB (wasm) in this Node process. */
export async function openNodeDb(): Promise<Db> {
	const db = await instantiateNodeWasm();
	const conn = db.connect();
	for (const s of CONNECT_SQL) conn.query(s);
	return {
		async arrow(sql: string): Promise<Table> {
			return conn.query(sql);
		},
		async exec(sql: string) {
			conn.query(sql);
		},
		async insertArrow(table: Table | Uint8Array, name: string, mode: 'create' | 'append') {
			if (mode === 'create') conn.query(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
			// IPC stream, not insertArrowTable: the latter silently inserts nothing in the blocking bindings.
			conn.insertArrowFromIPCStream(insertStream(table), { name, create: mode === 'create' });
		},
		async close() {
			conn.close();
			db.reset?.();
		},
		async ipc(sql: string) {
			return conn.useUnsafe((b: { runQuery(conn: number, sql: string): Uint8Array }, id: number) => b.runQuery(id, sql));
		},
		async registerFile(name, data) {
			db.registerFileBuffer(name, await fileBytes(data));
		},
		async dropFile(name) {
			db.dropFile(name);
		}
	};
}
