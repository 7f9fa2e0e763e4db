import { assert } from './harness.mjs';

/** The ranking's figures as text, row by row (site, score, times, customers, losers, reserve, money, P(1st)),
 *  read once the rank probabilities are settled (before that the P column shows '–'). */
async function rankingFigures(page) {
	await page.waitForFunction(() => Number(document.querySelector('[data-testid="ranking"]')?.dataset.travelRows) > 0, null, { timeout: 120_000 });
	await page.waitForSelector('[data-testid="robustness"][aria-busy="false"]', { timeout: 60_000 });
	return page.locator('[data-testid="ranking"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
}

/** Names of the WebAssembly trace events while `page` loads `url` to data ready (v8.wasm category). */
async function wasmEventsOfVisit(page, url) {
	const cdp = await page.context().newCDPSession(page);
	const names = new Set();
	cdp.on('Tracing.dataCollected', (e) => e.value.forEach((ev) => names.add(ev.name)));
	const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
	await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['v8.wasm'] }, transferMode: 'ReportEvents' });
	await page.goto(url, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('main[data-phase="ready"]', { timeout: 60_000 });
	await cdp.send('Tracing.end');
	await complete;
	await cdp.detach();
	return names;
}

export const tests = [
	{
		name: 'while DuckDB starts, the ranking is shown from the snapshot criteria, and the live computation gives the same figures',
		async run(t) {
			await t.goto('/ranking');
			await t.page.waitForSelector('[data-testid="ranking"][data-early="true"] tbody tr', { timeout: 60_000 });
			const phase = await t.page.locator('main').getAttribute('data-phase');
			assert(phase !== 'ready', `the early ranking appeared only after DuckDB was ready (${phase})`);
			assert(await t.page.locator('[data-testid="synthetic-banner"]').count(), 'no synthetic-data banner with the early ranking');
			const early = await t.page.locator('[data-testid="ranking"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
			await t.page.waitForSelector('[data-testid="ranking"][data-early="false"] tbody tr', { timeout: 120_000 });
			const live = await rankingFigures(t.page);
			assert(early.length >= 6 && JSON.stringify(early) === JSON.stringify(live), `early vs live:\n${early.slice(0, 2).join('\n')}\nvs\n${live.slice(0, 2).join('\n')}`);
			// Not only the text: DuckDB's computation in this browser gave the snapshot's figures (to 1e-12), so
			// the ranking on screen was kept as it was.
			const confirmed = await t.page.evaluate(() => performance.getEntriesByName('standortwahl:snapshot-criteria-confirmed').length);
			assert(confirmed === 1, 'the live criteria were not confirmed equal to the snapshot criteria');
		}
	},
	{
		name: 'default starts from the build snapshot; recomputing everything in the browser gives the same ranking',
		async run(t) {
			await t.goto('/ranking');
			await t.ready();
			const marks = await t.page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
			assert(marks.includes('standortwahl:snapshot-applied'), `snapshot not used: ${marks.join(', ')}`);
			const fromSnapshot = await rankingFigures(t.page);
			assert(fromSnapshot.length >= 6 && fromSnapshot.some((r) => r.includes('Eichhof-West')), `ranking: ${fromSnapshot[0]}`);
			// The reach page says where the times came from; recompute them (and the raster figures) live.
			await t.page.click('nav a[href$="/reach"]');
			await t.page.waitForSelector('[data-testid="matrix-snapshot"]');
			await t.page.waitForSelector('[data-testid="network-pt"] .badge.approx', { timeout: 60_000 });
			await t.page.getByRole('button', { name: /neu berechnen|Recompute/ }).click();
			await t.page.waitForFunction(() => document.querySelector('[data-testid="matrix-rows"]')?.dataset.ms, null, { timeout: 120_000 });
			assert(!(await t.page.locator('[data-testid="matrix-snapshot"]').count()), 'snapshot note still shown after recomputing');
			// The raster figures follow the new matrix; wait until they are back.
			await t.page.waitForFunction(() => !document.querySelector('[data-testid="progress"]'), null, { timeout: 180_000 });
			await t.page.waitForSelector('[data-testid="catchment-table"] tr[data-id="S1-EICHHOF"]', { timeout: 180_000 });
			await t.page.click('nav a[href$="/ranking"]');
			const live = await rankingFigures(t.page);
			assert(JSON.stringify(live) === JSON.stringify(fromSnapshot), `live ranking differs from the snapshot's:\n${live.slice(0, 3).join('\n')}\nvs\n${fromSnapshot.slice(0, 3).join('\n')}`);
			await t.screenshot('ranking-after-recompute');
		}
	},
	{
		name: "a return visit takes DuckDB's compiled WebAssembly from the browser's code cache instead of compiling it again",
		async run(t) {
			// First visit: DuckDB compiles its code; the browser stores it once enough of it is optimised.
			await t.goto('/');
			await t.page.waitForFunction(() => performance.getEntriesByName('standortwahl:snapshot-criteria-confirmed').length > 0, null, { timeout: 120_000 });
			let seen = new Set();
			// The store is written in the background: a later return visit may be the first to find it.
			for (let visit = 0; visit < 3 && !seen.has('wasm.Deserialize'); visit++) {
				await t.page.waitForTimeout(2_000);
				const page = await t.page.context().newPage();
				try {
					seen = await wasmEventsOfVisit(page, t.base + '/');
				} finally {
					await page.close();
				}
			}
			assert(seen.has('wasm.StartStreamingCompilation'), `DuckDB's WebAssembly was not compiled from a stream: ${[...seen].slice(0, 12).join(', ')}`);
			assert(seen.has('wasm.Deserialize'), `no return visit used the code cache: ${[...seen].slice(0, 12).join(', ')}`);
		}
	}
];
