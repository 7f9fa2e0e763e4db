/**
 * Import benchmark (issue 6 item 5): the same 1 M-row customers CSV loaded by
 *   1. native DuckDB (@duckdb/node-api) read_csv on the file,
 *   2. duckdb-wasm (blocking Node bindings, the browser's engine) read_csv on a registered file buffer,
 *   3. our importer (importFile: decode, parse, map, validate, geocode zones; then commitImport into duckdb-wasm).
 * Both engines read with the same configuration: the schema's column types stated and the sniffer off
 * (readCsvSql, src/lib/data/read-csv-sql.ts). Each engine's first read is timed apart from its warm
 * runs (best of 3): duckdb-wasm's first query after start pays one-off costs (V8 compiles the wasm
 * code lazily and tiers it up; the wasm heap grows to the data size), which a page pays once, not per
 * import. Wall-clock and process CPU time are both printed: on a loaded machine CPU time is the steadier
 * figure (for native DuckDB with several threads it sums all threads, so 1-thread native is also shown).
 * Run: npx tsx bench/import.ts [rows=1000000]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { instantiateNodeWasm, openNodeDb } from '../src/lib/data/db/node.ts';
import { rows } from '../src/lib/data/db/connector.ts';
import { readCsvSql } from '../src/lib/data/read-csv-sql.ts';
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
	console.log(`${label.padEnd(58)} ${(ms / 1000).toFixed(2).padStart(6)} s wall                (peak RSS so far ${peakMb()} MB)`);
	return { ms, value };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
const csvPath = path.join(dir, 'customers.csv');
writeFileSync(csvPath, makeCsv(N));
const bytes = new Uint8Array(readFileSync(csvPath));
console.log(`# import benchmark: ${N.toLocaleString('en')} customer rows, ${mb(bytes.length)} MB CSV; node ${process.version}`);

const HEADERS = ['customer_id', 'group', 'count', 'visits_per_year', 'lon', 'lat'];
const cpu = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1e6;
};
interface Run {
	wall: number;
	cpu: number;
}
const fmt = (r: Run) => `${r.wall.toFixed(2).padStart(6)} s wall ${r.cpu.toFixed(2).padStart(6)} s cpu`;
async function measure(f: () => Promise<unknown> | unknown): Promise<Run> {
	const t0 = performance.now();
	const c0 = cpu();
	await f();
	return { wall: (performance.now() - t0) / 1000, cpu: cpu() - c0 };
}
const best = (rs: Run[]): Run => ({ wall: Math.min(...rs.map((r) => r.wall)), cpu: Math.min(...rs.map((r) => r.cpu)) });
const line = (label: string, r: Run) => console.log(`${label.padEnd(58)} ${fmt(r)}   (peak RSS so far ${peakMb()} MB)`);

// 1. Native DuckDB: all threads (default) and 1 thread, explicit columns; plus the sniffing read_csv of earlier runs.
async function nativeRuns(threads?: number) {
	const inst = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
	const con = await inst.connect();
	const load = (src: string) => con.run(`CREATE OR REPLACE TABLE c AS SELECT * FROM ${src}`);
	const explicit = readCsvSql('customers', csvPath, HEADERS);
	const first = await measure(() => load(explicit));
	const warm = best([await measure(() => load(explicit)), await measure(() => load(explicit)), await measure(() => load(explicit))]);
	const sniff = best([await measure(() => load(`read_csv('${csvPath}')`)), await measure(() => load(`read_csv('${csvPath}')`))]);
	const r = await con.runAndReadAll('SELECT count(*) AS n FROM c');
	const n = Number(r.getRowObjects()[0].n);
	con.closeSync();
	inst.closeSync();
	return { first, warm, sniff, n };
}
const nat = await nativeRuns();
line(`native DuckDB, ${os.cpus().length} threads, first read_csv (explicit)`, nat.first);
line('native DuckDB, warm, best of 3 (explicit columns)', nat.warm);
line('native DuckDB, warm, sniffing read_csv (no options)', nat.sniff);
const nat1 = await nativeRuns(1);
line('native DuckDB, 1 thread, warm, best of 3 (explicit)', nat1.warm);

// 2. duckdb-wasm on a registered buffer (the blocking bindings of src/lib/data/db/node.ts), same SQL.
// Instantiation (~wasm compile) is timed apart: the page pays it once at start, not per import.
const wasmDb = await time('duckdb-wasm instantiate (once per page)', instantiateNodeWasm);
const wasm = await (async () => {
	const db = wasmDb.value;
	const conn = db.connect();
	db.registerFileBuffer('customers.csv', bytes);
	const load = (src: string) => conn.query(`CREATE OR REPLACE TABLE c AS SELECT * FROM ${src}`);
	const explicit = readCsvSql('customers', 'customers.csv', HEADERS);
	const first = await measure(() => load(explicit));
	const warm = best([await measure(() => load(explicit)), await measure(() => load(explicit)), await measure(() => load(explicit))]);
	const sniff = best([await measure(() => load(`read_csv('customers.csv')`)), await measure(() => load(`read_csv('customers.csv')`))]);
	const noPar = best([await measure(() => load(readCsvSql('customers', 'customers.csv', HEADERS, { extra: { parallel: 'false' } })))]);
	const n = Number(conn.query('SELECT count(*) AS n FROM c').toArray()[0].n);
	conn.query('DROP TABLE c');
	conn.close();
	return { first, warm, sniff, noPar, n };
})();
line('duckdb-wasm, first read_csv after start (explicit)', wasm.first);
line('duckdb-wasm, warm, best of 3 (explicit columns)', wasm.warm);
line('duckdb-wasm, warm, sniffing read_csv (no options)', wasm.sniff);
line('duckdb-wasm, warm, explicit + parallel=false', wasm.noPar);
wasmDb.value.reset?.();
const native = { value: nat.n };
const wasmN = { value: wasm.n };

// 3. Our importer (validation + zone lookup for every row), then the atomic commit into duckdb-wasm.
const refs = loadGeoRefs();
const ours = await time('our importer: importFile (parse+validate+zones)', () => importFile('customers', { fileName: 'customers.csv', bytes }, { refs }));
const db = await openNodeDb();
const commit = await time('our importer: commitImport into duckdb-wasm', () => commitImport(db, 'customers', ours.value.result!));
const [{ n: committed }] = await rows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM customers');
await db.close();
rmSync(dir, { recursive: true, force: true });

if (native.value !== N || wasmN.value !== N || committed !== N) throw new Error(`row counts differ: native ${native.value}, wasm ${wasmN.value}, importer ${committed}`);
const importer = ours.ms + commit.ms;
console.log(`rows: native ${native.value}, wasm ${wasmN.value}, importer ${committed} (errors ${ours.value.result!.stats.errors})`);
const r = (a: number, b: number) => (a / b).toFixed(2) + 'x';
console.log(`RATIO duckdb-wasm / native read_csv, warm engines, same explicit read_csv: wall ${r(wasm.warm.wall, nat.warm.wall)}, cpu ${r(wasm.warm.cpu, nat.warm.cpu)} (target <= 2x)`);
console.log(`      vs native on 1 thread (wasm has one):                    wall ${r(wasm.warm.wall, nat1.warm.wall)}, cpu ${r(wasm.warm.cpu, nat1.warm.cpu)}`);
console.log(`      first read_csv after start (wasm lazy compile + heap growth): wall ${r(wasm.first.wall, nat.first.wall)}, cpu ${r(wasm.first.cpu, nat.first.cpu)}`);
console.log(`      sniffing read_csv without options, warm:                  wall ${r(wasm.sniff.wall, nat.sniff.wall)}, cpu ${r(wasm.sniff.cpu, nat.sniff.cpu)}`);
console.log(`RATIO our importer / duckdb-wasm read_csv (warm): ${(importer / 1000 / wasm.warm.wall).toFixed(2)}x (validation, zone lookup and Arrow build; not the engine)`);
console.log(`peak RSS of this process: ${peakMb()} MB (cumulative over all three; the importer runs last)`);
