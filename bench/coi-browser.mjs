#!/usr/bin/env node
/**
 * duckdb-wasm single-threaded (`eh`, what the app starts by default) against its multi-threaded build
 * (`coi`: needs a cross-origin-isolated page, i.e. COOP/COEP from the app's own server, `serve.mjs
 * --isolated`, and `?engine=coi`: data/db/browser.ts, min(4, cores) threads). Issue 15: measure
 * it, keep it if it wins (it did not: the app asks for it only with `?engine=coi`). Alternating rounds, each
 * on a fresh server and a fresh browser profile:
 * the cold start (first visit, app marks), DuckDB's criteria of the default, read_csv of 1 M customer rows
 * (duckdb-wasm's own, explicit types) and the app's import of the same file (validated+staged, in the page).
 * Printed, not asserted. Needs a build (npx vite build). Usage: node bench/coi-browser.mjs [rounds=3] [rows=1000000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, startServer } from '../scripts/headless.mjs';
import { importTimes, rawReadCsv, watchImport, writeCustomersCsv } from './import-page.mjs';

const ROUNDS = Number(process.argv[2] ?? 3);
const N = Number(process.argv[3] ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-coi-'));
const csv = path.join(dir, 'customers.csv');
writeCustomersCsv(csv, N);

const marks = (page) => page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('standortwahl:')).map((m) => [m.name.slice(13), m.startTime])));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MODES = [
	{ name: 'eh', isolated: false, query: '' },
	{ name: 'coi', isolated: true, query: 'engine=coi' }
];
const runs = Object.fromEntries(MODES.map((m) => [m.name, { ready: [], engine: [], criteria: [], fileFirst: [], fileWarm: [], bufFirst: [], bufWarm: [], imported: [], failed: new Set(), paths: new Set(), threads: null }]));

console.log(`# ${os.cpus().length} cores; ${N.toLocaleString('en')} customer rows (${(fs.statSync(csv).size / 2 ** 20).toFixed(0)} MB CSV); Debian chromium headless; ${ROUNDS} rounds, eh and coi alternating`);
try {
	for (let round = 0; round < ROUNDS; round++)
		for (const mode of MODES) {
			const r = runs[mode.name];
			const server = await startServer('build', { isolated: mode.isolated });
			const ctx = await launch();
			try {
				// Cold start: the overview, first visit in a fresh profile.
				const page = await ctx.newPage();
				await page.goto(server.base + '/' + (mode.query ? '?' + mode.query : ''), { waitUntil: 'domcontentloaded' });
				await page.waitForSelector('main[data-phase="ready"]', { timeout: 120_000 });
				await page.waitForFunction(() => performance.getEntriesByName('standortwahl:snapshot-criteria-confirmed').length > 0, null, { timeout: 120_000 });
				const isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
				if (isolated !== mode.isolated) throw new Error(`${mode.name}: crossOriginIsolated is ${isolated}`);
				const m = await marks(page);
				r.ready.push(m.ready);
				r.engine.push(m['db-instantiated'] - m['db-start']);
				r.criteria.push(m['snapshot-criteria-confirmed'] - m.ready);
				await page.close();
				// read_csv and the app's import on the data page (a repeat visit: the engine starts again).
				const data = await ctx.newPage();
				await data.goto(server.base + '/data?table=customers&bench' + (mode.query ? '&' + mode.query : ''), { waitUntil: 'domcontentloaded' });
				await data.waitForSelector('main[data-phase="ready"]', { timeout: 120_000 });
				await data.waitForTimeout(3000); // let start-up work settle
				r.threads ??= await data.evaluate(() => window.standortwahlBench.threads());
				if ((r.threads > 1) !== (mode.name === 'coi')) throw new Error(`${mode.name}: DuckDB reports ${r.threads} threads`);
				console.log(`  round ${round + 1}, ${mode.name}: data ready ${m.ready.toFixed(0)} ms, DuckDB threads ${r.threads}`);
				// read_csv of a File handle (as the importer registers it), then of the bytes copied into the engine.
				for (const [buffer, first, warm] of [[false, 'fileFirst', 'fileWarm'], [true, 'bufFirst', 'bufWarm']])
					try {
						const raw = await rawReadCsv(data, csv, N, { buffer });
						r[first].push(raw.first);
						r[warm].push(raw.warm);
					} catch (e) {
						r.failed.add(`read_csv of a ${buffer ? 'buffer' : 'File'}: ${String(e.message ?? e).split('\n')[0].slice(0, 140)}`);
					}
				await watchImport(data);
				await data.setInputFiles('[data-testid="import-file"]', csv);
				await data.waitForSelector('[data-testid="import-stats"]', { timeout: 600_000 });
				r.imported.push((await importTimes(data)).validated);
				const fast = (await data.locator('[data-testid="import-path"]').getAttribute('data-fast').catch(() => null)) === 'true';
				const why = fast ? '' : ` (${(await data.locator('[data-testid="import-path"]').getAttribute('title').catch(() => null)) ?? 'no reason given'})`;
				r.paths.add(fast ? 'fast path' : `reference path${why.slice(0, 160)}`);
			} finally {
				await ctx.close();
				server.stop();
			}
		}
	const line = (label, key) => {
		const [a, b] = MODES.map((m) => (runs[m.name][key].length ? median(runs[m.name][key]) : NaN));
		const list = (m) => runs[m.name][key].map((x) => x.toFixed(0)).join(', ') || 'failed';
		const ratio = b / a;
		console.log(`${label}: eh ${Number.isFinite(a) ? a.toFixed(0) + ' ms' : '–'} (${list(MODES[0])}) · coi ${Number.isFinite(b) ? b.toFixed(0) + ' ms' : '–'} (${list(MODES[1])})${Number.isFinite(ratio) ? ` · coi/eh ${ratio.toFixed(2)}x` : ''}`);
		return ratio;
	};
	console.log(`threads DuckDB reports: eh ${runs.eh.threads}, coi ${runs.coi.threads}`);
	const ratios = [
		line('cold start to data ready, first visit (median)', 'ready'),
		line('  of which the engine start (worker, WebAssembly, instantiate)', 'engine'),
		line("DuckDB's criteria of the default (data ready → criteria confirmed)", 'criteria'),
		line(`read_csv, ${N.toLocaleString('en')} rows, of a File handle: first read`, 'fileFirst'),
		line('  warm, best of 3', 'fileWarm'),
		line('read_csv of the bytes copied into the engine: first read', 'bufFirst'),
		line('  warm, best of 3', 'bufWarm'),
		line("the app's import of the same file, validated+staged (in the page)", 'imported')
	];
	for (const m of MODES) for (const f of runs[m.name].failed) console.log(`${m.name}: failed: ${f}`);
	for (const m of MODES) console.log(`${m.name}: the app's import took the ${[...runs[m.name].paths].join('; ')}`);
	const wins = ratios.filter((x) => x < 0.95).length;
	const failures = runs.coi.failed.size + [...runs.coi.paths].filter((p) => p !== 'fast path').length;
	console.log(
		`verdict: coi faster in ${wins} of ${ratios.filter(Number.isFinite).length} figures${failures ? `, ${failures} failure(s) above` : ''}; ` +
			(wins > ratios.length / 2 && !failures ? 'coi wins: make it the default on isolated pages' : 'eh stays the engine (coi only with ?engine=coi on an isolated page, for this measurement)')
	);
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}
