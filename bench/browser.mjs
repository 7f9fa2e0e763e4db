#!/usr/bin/env node
/**
 * Browser benchmarks in Debian chromium (printed, not asserted): cold start to interactive, the full
 * Lucerne travel-time matrix in the reach worker, and a weight change to re-rank and redraw.
 * Needs a build (npx vite build). Usage: node bench/browser.mjs
 */
import { launch, startServer } from '../scripts/headless.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startServer();
const ctx = await launch();
try {
	// 1. Cold start: navigation to DuckDB ready with the default scenario, and to the map drawn.
	const cold = [];
	const mapReady = [];
	for (let i = 0; i < 3; i++) {
		const page = await ctx.newPage();
		const t0 = Date.now();
		await page.goto(server.base + '/', { waitUntil: 'domcontentloaded' });
		await page.waitForSelector('main[data-phase="ready"]', { timeout: 60_000 });
		cold.push(Date.now() - t0);
		await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
		mapReady.push(Date.now() - t0);
		await page.close();
	}
	console.log(`cold start to data ready:  median ${median(cold)} ms  (runs: ${cold.join(', ')})`);
	console.log(`cold start to map drawn:   median ${median(mapReady)} ms`);

	// 2. Full matrix (all zones × all sites and offices × PT window + car) in the worker, as timed by the app.
	const page = await ctx.newPage();
	await page.goto(server.base + '/reach', { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('[data-testid="matrix-rows"][data-ms]:not([data-ms=""])', { timeout: 120_000 });
	const first = Number(await page.locator('[data-testid="matrix-rows"]').getAttribute('data-ms'));
	const times = [first];
	for (let i = 0; i < 3; i++) {
		await page.evaluate(() => document.querySelector('[data-testid="matrix-rows"]').setAttribute('data-ms', ''));
		await page.getByRole('button', { name: /neu berechnen|Recompute/ }).click();
		await page.waitForFunction(() => document.querySelector('[data-testid="matrix-rows"]')?.dataset.ms, null, { timeout: 120_000 });
		times.push(Number(await page.locator('[data-testid="matrix-rows"]').getAttribute('data-ms')));
	}
	const rowsText = await page.locator('[data-testid="matrix-rows"]').getAttribute('data-rows');
	console.log(`full Lucerne matrix (${rowsText} rows) in the browser worker: median ${median(times).toFixed(0)} ms  (runs: ${times.map((x) => x.toFixed(0)).join(', ')}; target < 2000 ms)`);

	// 3. Weight change → re-rank → redraw (input event to the second animation frame after the DOM update).
	await page.goto(server.base + '/ranking', { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('[data-testid="ranking"] tbody tr', { timeout: 120_000 });
	await page.waitForTimeout(1500);
	const redraw = await page.evaluate(async () => {
		const input = document.querySelector('[data-testid="weight-npv"]');
		const out = [];
		for (let i = 0; i < 30; i++) {
			const t0 = performance.now();
			input.value = String(i % 2 ? 40 : 5);
			input.dispatchEvent(new Event('input', { bubbles: true }));
			await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
			out.push(performance.now() - t0);
		}
		return out;
	});
	console.log(`weight change to redraw:   median ${median(redraw).toFixed(1)} ms, max ${Math.max(...redraw).toFixed(1)} ms over ${redraw.length} changes (target < 50 ms; includes up to two frames of ~16.7 ms)`);
} finally {
	await ctx.close();
	server.stop();
}
