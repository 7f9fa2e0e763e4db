/**
 * Peak memory of importing 1 M customer rows (issue 6 item 2), CSV and Parquet, in Node:
 *   stream-csv      ImportSession/importToDb on a disk-backed Blob (fs.openAsBlob), 4 MB chunks,
 *                   batches into duckdb-wasm's staging table, atomic commit: what the app's worker does
 *   stream-parquet  the same for a Parquet file (row group by row group)
 *   whole-csv       the in-memory path (importFile on the whole file + commitImport), for comparison
 * Each mode runs in its own process (node --expose-gc) and samples process.memoryUsage() every 20 ms;
 * the baseline (after duckdb-wasm and the reference data are loaded) is reported apart. "live" is the
 * JS heap right after a forced GC at the end of each chunk (whole-csv: with the validated table held),
 * i.e. what the import really keeps; the sampled peak also holds garbage V8 had no reason to collect yet.
 * Last, stream-csv runs again with the V8 heap capped (--max-old-space-size=160) to show it needs no more.
 * Run: npx tsx bench/import-memory.ts [rows=1000000]
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openAsBlob, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rows } from '../src/lib/data/db/connector.ts';
import { openNodeDb } from '../src/lib/data/db/node.ts';
import { loadGeoRefs } from '../src/lib/data/geocode-node.ts';
import { commitImport, importFile, importToDb } from '../src/lib/data/import/index.ts';
import { createRng } from '../src/lib/data/prng.ts';

const MB = (b: number) => (b / 1024 / 1024).toFixed(0).padStart(5);
const self = fileURLToPath(import.meta.url);

/** Deterministic customers in the Lucerne region, written in pieces (never one big string). */
function writeCsv(file: string, n: number): void {
	const rng = createRng(6);
	const groups = ['insured', 'employer', 'jobseeker'];
	const fd = openSync(file, 'w');
	writeSync(fd, 'customer_id,group,count,visits_per_year,lon,lat\n');
	for (let i = 0; i < n; ) {
		const part: string[] = [];
		for (const end = Math.min(n, i + 10_000); i < end; i++)
			part.push(`C${i},${groups[rng.int(3)]},${1 + rng.int(20)},${(rng.next() * 12).toFixed(2)},${rng.uniform(7.95, 8.45).toFixed(6)},${rng.uniform(46.85, 47.25).toFixed(6)}\n`);
		writeSync(fd, part.join(''));
	}
	closeSync(fd);
}

async function child(mode: string, file: string, n: number): Promise<void> {
	const gc = (globalThis as { gc?: () => void }).gc;
	const db = await openNodeDb();
	const refs = loadGeoRefs();
	gc?.();
	const base = process.memoryUsage();
	const peak = { rss: base.rss, heapUsed: base.heapUsed, external: base.external, arrayBuffers: base.arrayBuffers };
	const sample = () => {
		const m = process.memoryUsage();
		peak.rss = Math.max(peak.rss, m.rss);
		peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
		peak.external = Math.max(peak.external, m.external);
		peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
	};
	let live = 0;
	const liveNow = () => {
		gc?.();
		live = Math.max(live, process.memoryUsage().heapUsed);
	};
	const timer = setInterval(sample, 20);
	const t0 = performance.now();
	let errors = -1;
	if (mode === 'whole-csv') {
		const r = await importFile('customers', { fileName: 'customers.csv', bytes: new Uint8Array(readFileSync(file)) }, { refs });
		sample();
		liveNow();
		errors = r.result!.stats.errors;
		await commitImport(db, 'customers', r.result!);
	} else {
		const blob = await openAsBlob(file);
		const r = await importToDb(db, 'customers', { fileName: path.basename(file), blob }, {
			refs,
			onProgress: () => {
				sample();
				liveNow();
			}
		});
		errors = r.stats?.errors ?? -1;
	}
	sample();
	clearInterval(timer);
	const ms = performance.now() - t0;
	const [{ c }] = await rows<{ c: number }>(db, 'SELECT count(*)::INTEGER AS c FROM customers');
	if (c !== n || errors !== 0) throw new Error(`${mode}: ${c} rows committed, ${errors} errors`);
	console.log(
		`${mode.padEnd(15)} ${(ms / 1000).toFixed(2).padStart(6)} s   peak RSS ${MB(peak.rss)} MB (+${MB(peak.rss - base.rss)})   ` +
			`JS heap: peak ${MB(peak.heapUsed)} MB (+${MB(peak.heapUsed - base.heapUsed)}), live ${MB(live)} MB (+${MB(live - base.heapUsed)})   ` +
			`peak ArrayBuffers ${MB(peak.arrayBuffers)} MB   baseline: RSS ${MB(base.rss)} MB, heap ${MB(base.heapUsed)} MB`
	);
	await db.close();
}

const [, , a1, a2, a3] = process.argv;
if (a1 === '--child') {
	await child(a2, a3, Number(process.argv[5]));
} else {
	const n = Number(a1 ?? 1_000_000);
	const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-import-mem-'));
	const csv = path.join(dir, 'customers.csv');
	const parquet = path.join(dir, 'customers.parquet');
	writeCsv(csv, n);
	const { DuckDBInstance } = await import('@duckdb/node-api');
	const con = await (await DuckDBInstance.create(':memory:')).connect();
	await con.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = false)) TO '${parquet}' (FORMAT parquet)`);
	console.log(
		`# ${n.toLocaleString('en')} customer rows: CSV ${MB(statSync(csv).size).trim()} MB, Parquet ${MB(statSync(parquet).size).trim()} MB; node ${process.version}, ${os.cpus().length} cores`
	);
	try {
		for (const [mode, file] of [
			['stream-csv', csv],
			['stream-parquet', parquet],
			['whole-csv', csv]
		] as const)
			execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', mode, file, String(n)], { stdio: 'inherit' });
		execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=160', '--import', 'tsx', self, '--child', 'stream-csv', csv, String(n)], { stdio: 'inherit' });
		console.log('(the last line: stream-csv again with the V8 heap capped at 160 MB: --max-old-space-size=160)');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
