#!/usr/bin/env node
/**
 * Browser benchmarks in Debian chromium (printed, not asserted): cold start to interactive, the full
 * Lucerne travel-time matrix in the reach worker, and a weight change to re-rank and redraw.
 * Needs a build (npx vite build). Usage: node bench/browser.mjs
 */
import { launch, startServer } from '../scripts/headless.mjs';
import { inputSummary, rasterPerInput, resetInput, watchInput } from './input-timing.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startServer();
const ctx = await launch();
try {
	// 1. Cold start: navigation to DuckDB ready with the default scenario, to the map drawn, and (on the
	// ranking page) to the full analysis with travel times; with the stages the app marks. First visits each
	// in a fresh browser profile (no HTTP or code cache: what a new user meets), three of them; then repeat
	// visits in one profile.
	const visit = async (c) => {
		const page = await c.newPage();
		const t0 = Date.now();
		await page.goto(server.base + '/', { waitUntil: 'domcontentloaded' });
		await page.waitForSelector('main[data-phase="ready"]', { timeout: 60_000 });
		const cold = Date.now() - t0;
		await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
		const mapReady = Date.now() - t0;
		await page.waitForFunction(() => performance.getEntriesByName('standortwahl:snapshot-criteria-confirmed').length > 0, null, { timeout: 60_000 });
		const stages = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('standortwahl:')).map((m) => [m.name.slice(13), Math.round(m.startTime)])));
		await page.close();
		return { cold, mapReady, stages };
	};
	const first = [];
	for (let i = 0; i < 3; i++) {
		const fresh = await launch();
		try {
			first.push(await visit(fresh));
		} finally {
			await fresh.close();
		}
	}
	await visit(ctx); // fills this profile's caches
	await new Promise((r) => setTimeout(r, 2_000)); // the compiled WebAssembly is stored in the background
	const repeat = [await visit(ctx), await visit(ctx)];
	const ranked = [];
	for (let i = 0; i < 3; i++) {
		const p2 = await ctx.newPage();
		const t1 = Date.now();
		await p2.goto(server.base + '/ranking', { waitUntil: 'domcontentloaded' });
		await p2.waitForFunction(() => Number(document.querySelector('[data-testid="ranking"]')?.dataset.travelRows) > 0, null, { timeout: 120_000 });
		ranked.push(Date.now() - t1);
		await p2.close();
	}
	// "Data ready" is the app's own mark (DuckDB up, default tables loaded, snapshot applied); the wall-clock
	// figures add page creation and the overview's first render (maplibre on a software GL here).
	const visits = [...first, ...repeat];
	const ready = (v) => v.stages.ready;
	const engine = (v) => v.stages['db-ready'] - v.stages['db-start'];
	console.log(
		`cold start to data ready (app mark, ms since navigation): first visit median ${median(first.map(ready))} ms (fresh profiles: ${first.map(ready).join(', ')}), repeat visits ${repeat.map(ready).join(', ')} ms (target ≤ 1500 ms)`
	);
	console.log(`  of which the DuckDB engine (worker, WebAssembly instantiate, open): first ${first.map(engine).join(', ')} ms, repeat ${repeat.map(engine).join(', ')} ms; everything else: first ${first.map((v) => ready(v) - engine(v)).join(', ')}, repeat ${repeat.map((v) => ready(v) - engine(v)).join(', ')} ms`);
	const shown = (v) => v.stages['analysis-shown'] ?? '–';
	console.log(`analysis on screen before DuckDB is up (the default's criteria from the build snapshot; app mark): first ${first.map(shown).join(', ')}, repeat ${repeat.map(shown).join(', ')} ms`);
	const confirm = (v) => v.stages['snapshot-criteria-confirmed'] - v.stages.ready;
	console.log(
		`DuckDB's own computation of the criteria on screen, confirming the snapshot's (data ready → confirmed; app marks): first ${first.map(confirm).join(', ')} ms, repeat ${repeat.map(confirm).join(', ')} ms (a repeat visit takes DuckDB's compiled WebAssembly from the browser's code cache)`
	);
	console.log(`overview page with data (wall clock from goto): median ${median(visits.map((v) => v.cold))} ms (runs: ${visits.map((v) => v.cold).join(', ')}); map drawn: median ${median(visits.map((v) => v.mapReady))} ms`);
	console.log(`ranking with travel times (wall clock from goto): median ${median(ranked)} ms  (runs: ${ranked.join(', ')}; the default's matrix from the build snapshot)`);
	console.log(`  stages (ms since navigation, per run: 3 first visits, 2 repeat): ${visits.map((v) => Object.entries(v.stages).map(([k, x]) => `${k} ${x}`).join(' · ')).join('  |  ')}`);

	// 1b. A first visit over a real line, not loopback: Chrome's network throttling at 100 Mbit/s down, 20 Mbit/s
	// up, 20 ms round trip (an office line), with the build's compressed copies (what serve.mjs sends) and
	// without them (its --identity: every file as it is, DuckDB's wasm 34 MB), alternating, fresh profiles.
	const LINE = { offline: false, latency: 20, downloadThroughput: 100e6 / 8, uploadThroughput: 20e6 / 8 };
	const plainServer = await startServer('build', { identity: true });
	const overLine = { compressed: [], plain: [] };
	try {
		for (let i = 0; i < 3; i++)
			for (const k of i % 2 ? ['plain', 'compressed'] : ['compressed', 'plain']) {
				const fresh = await launch();
				try {
					const page = await fresh.newPage();
					const cdp = await fresh.newCDPSession(page);
					await cdp.send('Network.enable');
					await cdp.send('Network.emulateNetworkConditions', LINE);
					await page.goto((k === 'plain' ? plainServer : server).base + '/', { waitUntil: 'domcontentloaded' });
					await page.waitForSelector('main[data-phase="ready"]', { timeout: 120_000 });
					overLine[k].push(await page.evaluate(() => Math.round(performance.getEntriesByName('standortwahl:ready')[0].startTime)));
				} finally {
					await fresh.close();
				}
			}
	} finally {
		plainServer.stop();
	}
	const [c, p] = [median(overLine.compressed), median(overLine.plain)];
	console.log(
		`first visit over a 100 Mbit/s line (throttled, 20 ms round trip), data ready: median ${c} ms with the build's brotli copies (${overLine.compressed.join(', ')}), ${p} ms with every file as it is (${overLine.plain.join(', ')}): plain/compressed ${(p / c).toFixed(2)}x`
	);

	// 2. Full matrix (all zones and home cells × all sites and offices × PT window + car) in the worker, as
	// timed by the app; recomputed by the button (the default starts from the snapshot, not from a run).
	const page = await ctx.newPage();
	await page.goto(server.base + '/reach', { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('[data-testid="network-pt"] .badge', { timeout: 120_000 });
	const times = [];
	for (let i = 0; i < 4; i++) {
		// Start from an idle worker: after a matrix the raster figures and isochrones follow it in the same worker.
		await page.waitForFunction(() => !document.querySelector('[data-testid="progress"]'), null, { timeout: 120_000 });
		await page.waitForTimeout(500);
		await page.evaluate(() => document.querySelector('[data-testid="matrix-rows"]').setAttribute('data-ms', ''));
		await page.getByRole('button', { name: /neu berechnen|Recompute/ }).click();
		await page.waitForFunction(() => document.querySelector('[data-testid="matrix-rows"]')?.dataset.ms, null, { timeout: 120_000 });
		times.push(Number(await page.locator('[data-testid="matrix-rows"]').getAttribute('data-ms')));
	}
	const rowsText = await page.locator('[data-testid="matrix-rows"]').getAttribute('data-rows');
	console.log(`full Lucerne matrix (${rowsText} rows) in the browser worker: median ${median(times).toFixed(0)} ms  (runs: ${times.map((x) => x.toFixed(0)).join(', ')}; target ≤ 1000 ms)`);

	// 3. Weight change → re-rank → redraw, as a user makes it: arrow keys on a weight slider (see
	// input-timing.mjs). The robustness figures follow once the weights rest (SETTLE_MS); their catch-up is timed.
	await page.goto(server.base + '/ranking', { waitUntil: 'domcontentloaded' });
	await page.waitForFunction(() => Number(document.querySelector('[data-testid="ranking"]')?.dataset.travelRows) > 0, null, { timeout: 120_000 });
	await page.waitForSelector('[data-testid="robustness"][aria-busy="false"]', { timeout: 60_000 });
	await watchInput(page, '[data-testid="weight-npv"]');
	await page.focus('[data-testid="weight-npv"]');
	for (let i = 0; i < 5; i++) await page.keyboard.press(i % 2 ? 'ArrowUp' : 'ArrowDown'); // warm-up
	await page.waitForTimeout(500);
	const settle = [];
	const phases = [
		['held key (every 50 ms), 0.5 s after the ranking appeared, start-up work behind the page still landing', 50],
		['held key (every 50 ms)', 50],
		['single steps (every 400 ms)', 400]
	];
	for (const [label, gap] of phases) {
		// The first run meets the start-up's last steps (networks into the worker, raster figures adopted); the
		// others start once it is done (the app's analysis-complete mark).
		if (label !== phases[0][0]) {
			await page.waitForFunction(() => performance.getEntriesByName('standortwahl:analysis-complete').length > 0, null, { timeout: 60_000 });
			await page.waitForTimeout(300);
		}
		await resetInput(page);
		const n = 40;
		for (let i = 0; i < n; i++) {
			await page.keyboard.press(i % 20 < 10 ? 'ArrowUp' : 'ArrowDown');
			if (gap > 100) {
				const t0 = Date.now();
				await page.waitForSelector('[data-testid="robustness"][aria-busy="false"]', { timeout: 10_000 });
				settle.push(Date.now() - t0);
				await page.waitForTimeout(Math.max(0, gap - (Date.now() - t0)));
			} else await page.waitForTimeout(gap);
		}
		await page.waitForTimeout(300);
		console.log(`weight change, ${label}: ${await inputSummary(page, n)} (targets: ≤ 16 ms median, ≤ 33 ms max)`);
	}
	console.log(`robustness figures (2'000 weight samples) caught up after a single step: median ${median(settle)} ms, max ${Math.max(...settle)} ms (includes the 150 ms rest, SETTLE_MS, before they start)`);
	const step = (i) => page.keyboard.press(i % 20 < 10 ? 'ArrowUp' : 'ArrowDown');
	console.log(`weight change, what a single step repaints (traced apart): ${await rasterPerInput(ctx, page, step)}`);
} finally {
	await ctx.close();
	server.stop();
}
