#!/usr/bin/env node
/**
 * 5'000 candidate sites in chromium (printed, not asserted): import through the data page, the ranking
 * drawn after navigation, and a weight change re-ranking all of them (input to DOM updated, and input to
 * next paint from the Event Timing API). Travel times: one imported row, so no routing of 5'000 sites.
 * Needs a build (npx vite build). Usage: node bench/sites-browser.mjs [sites]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, startServer } from '../scripts/headless.mjs';
import { inputSummary, watchInput } from './input-timing.mjs';

const N = Number(process.argv[2] ?? 5000);

/** Synthetic candidates spread over the Lucerne region (deterministic). */
function sitesCsv() {
	const out = ['site_id,name,capacity_workplaces,area_m2,cost_chf_m2_year,one_off_chf,lon,lat'];
	for (let i = 0; i < N; i++)
		out.push(`X${i},Kandidat ${i},${600 + (i % 200)},${12000 + (i % 5000)},${200 + (i % 150)},${2_000_000 + (i % 1000) * 1000},${(8.0 + ((i * 7919) % 4000) / 10000).toFixed(5)},${(46.95 + ((i * 104729) % 2500) / 10000).toFixed(5)}`);
	return out.join('\n') + '\n';
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sites-'));
const server = await startServer();
const ctx = await launch();
try {
	const page = await ctx.newPage();
	async function importFile(table, name, text) {
		const file = path.join(dir, name);
		fs.writeFileSync(file, text);
		await page.goto(`${server.base}/data?table=${table}`);
		await page.waitForSelector('main[data-phase="ready"]', { timeout: 60_000 });
		const t0 = Date.now();
		await page.setInputFiles('[data-testid="import-file"]', file);
		await page.waitForSelector('[data-testid="import-stats"]', { timeout: 120_000 });
		await page.click('[data-testid="import-commit"]');
		await page.waitForSelector('[data-testid="import-message"][data-kept="kept"]', { timeout: 120_000 });
		return Date.now() - t0;
	}
	await importFile('travel_times', 'travel_times.csv', 'origin_zone,destination_id,mode,minutes_p50\n1061,X0,pt,12\n1061,X0,car,9\n');
	const importMs = await importFile('sites', 'sites.csv', sitesCsv());
	const t0 = Date.now();
	await page.goto(`${server.base}/ranking`);
	await page.waitForSelector('[data-testid="ranking"] tbody tr[data-site]', { timeout: 120_000 });
	const drawnMs = Date.now() - t0;
	const rows = await page.locator('.vt:has([data-testid="ranking"])').getAttribute('data-rows');
	await page.waitForTimeout(1000);
	await watchInput(page, '[data-testid="weight-npv"]');
	await page.focus('[data-testid="weight-npv"]');
	const n = 20;
	for (let i = 0; i < n; i++) {
		await page.keyboard.press(i % 10 < 5 ? 'ArrowUp' : 'ArrowDown');
		await page.waitForTimeout(400);
	}
	console.log(`${N} candidate sites: import (validate + commit) ${importMs} ms; ranking of ${rows} drawn ${drawnMs} ms after navigation`);
	console.log(`weight change re-ranking ${rows} sites: ${await inputSummary(page, n)} (target ≤ 2000 ms)`);
} finally {
	await ctx.close();
	server.stop();
	fs.rmSync(dir, { recursive: true, force: true });
}
