/**
 * Import benchmark (issue 6 item 5): the same 1 M-row customers CSV loaded by
 *   1. native DuckDB (@duckdb/node-api) read_csv on the file,
 *   2. duckdb-wasm (blocking Node bindings, the browser's engine) read_csv on a registered file buffer,
 *   3. our importer (importFile: decode, parse, map, validate, geocode zones; then commitImport into duckdb-wasm).
 * Prints times, the wasm/native ratio (target <= 2x) and the importer's overhead over raw wasm read_csv separately.
 * Run: npx tsx bench/import.ts [rows=1000000]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { instantiateNodeWasm, openNodeDb } from '../src/lib/data/db/node.ts';
import { rows } from '../src/lib/data/db/connector.ts';
import { loadGeoRefs } from '../src/lib/data/geocode-node.ts';
import { commitImport, importFile } from '../src/lib/data/import/index.ts';
import { createRng } from '../src/lib/data/prng.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
const peakMb = () => mb(process.resourceUsage().maxRSS * 1024);

/** Deterministic customers in the Lucerne region (lon 7.9–8.5, lat 46.8–47.3). */
function makeCsv(n: number): string {
	const rng = createRng(6);
	const groups = ['insured', 'employer', 'jobseeker'];
	const out: string[] = ['customer_id,group,count,visits_per_year,lon,lat'];
	for (let i = 0; i < n; i++)
		out.push(`C${i},${groups[rng.int(3)]},${1 + rng.int(20)},${(rng.next() * 12).toFixed(2)},${rng.uniform(7.95, 8.45).toFixed(6)},${rng.uniform(46.85, 47.25).toFixed(6)}`);
	return out.join('\n') + '\n';
}

async function time<T>(label: string, f: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const t0 = performance.now();
	const value = await f();
	const ms = performance.now() - t0;
	console.log(`${label.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(7)} s   (peak RSS so far ${peakMb()} MB)`);
	return { ms, value };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
const csvPath = path.join(dir, 'customers.csv');
writeFileSync(csvPath, makeCsv(N));
const bytes = new Uint8Array(readFileSync(csvPath));
console.log(`# import benchmark: ${N.toLocaleString('en')} customer rows, ${mb(bytes.length)} MB CSV; node ${process.version}`);

// 1. Native DuckDB.
const native = await time('native DuckDB read_csv (@duckdb/node-api)', async () => {
	const inst = await DuckDBInstance.create(':memory:');
	const con = await inst.connect();
	await con.run(`CREATE TABLE c AS SELECT * FROM read_csv('${csvPath}')`);
	const r = await con.runAndReadAll('SELECT count(*) AS n FROM c');
	const n = Number(r.getRowObjects()[0].n);
	con.closeSync?.();
	return n;
});

// 2. duckdb-wasm, raw read_csv on a registered buffer (the blocking bindings of src/lib/data/db/node.ts).
// Instantiation (~wasm compile) is timed apart: the page pays it once at start, not per import.
const wasmDb = await time('duckdb-wasm instantiate (once per page)', instantiateNodeWasm);
const wasm = await time('duckdb-wasm read_csv (registered buffer)', async () => {
	const db = wasmDb.value;
	const conn = db.connect();
	db.registerFileBuffer('customers.csv', bytes);
	conn.query(`CREATE TABLE c AS SELECT * FROM read_csv('customers.csv')`);
	const n = Number(conn.query('SELECT count(*) AS n FROM c').toArray()[0].n);
	conn.query('DROP TABLE c');
	conn.close();
	return n;
});
wasmDb.value.reset?.();

// 3. Our importer (validation + zone lookup for every row), then the atomic commit into duckdb-wasm.
const refs = loadGeoRefs();
const ours = await time('our importer: importFile (parse+validate+zones)', () => importFile('customers', { fileName: 'customers.csv', bytes }, { refs }));
const db = await openNodeDb();
const commit = await time('our importer: commitImport into duckdb-wasm', () => commitImport(db, 'customers', ours.value.result!));
const [{ n: committed }] = await rows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM customers');
await db.close();
rmSync(dir, { recursive: true, force: true });

if (native.value !== N || wasm.value !== N || committed !== N) throw new Error(`row counts differ: native ${native.value}, wasm ${wasm.value}, importer ${committed}`);
const importer = ours.ms + commit.ms;
console.log(`rows: native ${native.value}, wasm ${wasm.value}, importer ${committed} (errors ${ours.value.result!.stats.errors})`);
console.log(`RATIO duckdb-wasm / native read_csv: ${(wasm.ms / native.ms).toFixed(2)}x (target <= 2x)`);
console.log(`RATIO our importer / duckdb-wasm read_csv: ${(importer / wasm.ms).toFixed(2)}x (validation, zone lookup and Arrow build; not the engine)`);
console.log(`peak RSS of this process: ${peakMb()} MB (cumulative over all three; the importer runs last)`);
