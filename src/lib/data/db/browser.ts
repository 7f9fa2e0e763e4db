/**
 * DuckDB in the browser: duckdb-wasm in a Web Worker, wasm and worker served by the app itself
 * (Vite `?url` imports, no CDN). The `eh` bundle (one thread; every current browser has WebAssembly
 * exceptions). The multi-threaded `coi` bundle needs a cross-origin-isolated page and lost when measured
 * (bench/coi-browser.mjs, bench/RESULTS.md): its start takes twice as long, and its threads cannot read a
 * File registered as a handle, so the importer's fast path fails over to the reference path; faster only
 * for a read of bytes already in the engine. So it starts only when asked for (`?engine=coi`) on an
 * isolated page (`node scripts/serve.mjs --isolated`), for that measurement.
 * One shared start-up promise, so concurrent callers share one engine.
 */
import type { Table } from 'apache-arrow';
import { CONNECT_SQL, insertStream, type Db } from './connector.ts';

let loading: Promise<Db> | null = null;

/** A start-up stage for the cold-start bench (bench/browser.mjs reads the `standortwahl:` marks). */
const mark = (name: string) => globalThis.performance?.mark?.(`standortwahl:${name}`);

/** The app's DuckDB; started on first use (`multiThreaded` counts on that first call only). */
export function browserDb(opts: { multiThreaded?: boolean } = {}): Promise<Db> {
	loading ??= start(!!opts.multiThreaded);
	return loading;
}

/** The bundle: `eh`, or `coi` when asked for and the page is cross-origin isolated (COOP/COEP: SharedArrayBuffer). */
async function bundle(multiThreaded: boolean): Promise<{ wasm: string; worker: string; pthread?: string; threads: number }> {
	if (multiThreaded && globalThis.crossOriginIsolated) {
		const [{ default: wasm }, { default: worker }, { default: pthread }] = await Promise.all([
			import('@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url'),
			import('@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url'),
			import('@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url')
		]);
		return { wasm, worker, pthread, threads: Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2)) };
	}
	const [{ default: wasm }, { default: worker }] = await Promise.all([
		import('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'),
		import('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url')
	]);
	return { wasm, worker, threads: 1 };
}

/**
 * duckdb-wasm's worker, started by a two-line script of ours so that Chromium can cache DuckDB's compiled
 * WebAssembly. The worker's loader pipes the wasm response through a TransformStream to report download
 * progress (which the app does not use) whenever TransformStream exists; the browser caches compiled code
 * only for a response that comes from fetch itself, so every visit compiled DuckDB's code anew. Without
 * TransformStream the loader streams fetch()'s own response: a return visit then takes the compiled
 * code from the cache instead of compiling it on the engine's thread while the page starts (measured in
 * bench/browser.mjs; tests/e2e/snapshot.e2e.mjs checks the cache is used). A blob: script, so the URLs
 * handed to it must be absolute.
 */
function cacheableEngineWorker(workerUrl: string): { worker: Worker; started(): void } {
	const script = `self.TransformStream = undefined;\nimportScripts(${JSON.stringify(workerUrl)});\n`;
	const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
	return { worker: new Worker(url), started: () => URL.revokeObjectURL(url) };
}

async function start(multiThreaded: boolean): Promise<Db> {
	mark('db-start');
	const [duckdb, b] = await Promise.all([import('@duckdb/duckdb-wasm'), bundle(multiThreaded)]);
	const abs = (url: string) => new URL(url, globalThis.location.href).href;
	const worker = cacheableEngineWorker(abs(b.worker));
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker.worker);
	await db.instantiate(abs(b.wasm), b.pthread && abs(b.pthread));
	worker.started();
	mark('db-instantiated');
	const conn = await db.connect();
	mark('db-connected');
	for (const s of CONNECT_SQL) await conn.query(s);
	if (b.threads > 1) await conn.query(`SET threads TO ${b.threads}`);
	return {
		arrow: (sql: string) => conn.query(sql) as Promise<Table>,
		async exec(sql: string) {
			await conn.query(sql);
		},
		async insertArrow(table: Table | Uint8Array, name: string, mode: 'create' | 'append') {
			if (mode === 'create') await conn.query(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
			// One IPC stream, as in node.ts (insertArrowTable is unreliable across bindings). duckdb-wasm
			// transfers the stream's whole buffer to its worker: a view into a larger one goes as a copy.
			const stream = insertStream(table);
			const own = stream.byteOffset === 0 && stream.byteLength === stream.buffer.byteLength ? stream : stream.slice();
			await conn.insertArrowFromIPCStream(own, { name, create: mode === 'create' });
		},
		async close() {
			await conn.close();
			await db.terminate();
			loading = null;
		},
		async registerFile(name, data) {
			// A File is read by DuckDB's worker slice by slice (FileReaderSync): never copied whole to the page.
			if (data instanceof Uint8Array) await db.registerFileBuffer(name, data);
			else await db.registerFileHandle(name, data as Blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
		},
		async dropFile(name) {
			await db.dropFile(name);
		},
		ipc(sql: string) {
			return conn.useUnsafe((b, id) => b.runQuery(id, sql));
		}
	};
}
