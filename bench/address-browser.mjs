#!/usr/bin/env node
/**
 * Address geocoding in Debian chromium (printed, not asserted), on the data page as a user does it:
 *  1. 100 k customer addresses imported without a directory (postcode only: the baseline);
 *  2. the national-size directory zip loaded (read, inflated, parsed and cut to the Lucerne study region
 *     in the import worker, kept in IndexedDB);
 *  3. the same 100 k customers imported again, now geocoded by address (target ≤ 30 s);
 *  4. a reload: the cut directory back from IndexedDB, without reading the file.
 * Needs a build (npx vite build) and the data of bench/address-data.ts.
 * Usage: node bench/address-browser.mjs [/tmp/standortwahl-addr]
 */
import fs from 'node:fs';
import path from 'node:path';
import { launch, startServer } from '../scripts/headless.mjs';

const dir = process.argv[2] ?? '/tmp/standortwahl-addr';
const zip = path.join(dir, 'amtliches-gebaeudeadressverzeichnis_ch_2056.csv.zip');
const customers = path.join(dir, 'customers_addresses.csv');
if (!fs.existsSync(zip) || !fs.existsSync(customers)) {
	console.error(`missing ${zip}: run npx tsx bench/address-data.ts first`);
	process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const MB = (b) => (b / 1024 / 1024).toFixed(0);
const s = (ms) => (ms / 1000).toFixed(1);
console.log(`# directory: ${manifest.entrances.toLocaleString('en')} entrances, zip ${MB(fs.statSync(zip).size)} MB; ${manifest.queries.toLocaleString('en')} customer addresses; Debian chromium headless`);

const server = await startServer();
const ctx = await launch();
try {
	const page = await ctx.newPage();
	await page.goto(server.base + '/data?table=customers', { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('main[data-phase="ready"]', { timeout: 60_000 });
	await page.waitForSelector('[data-testid="address-none"]', { timeout: 60_000 });
	await page.waitForTimeout(3000); // start-up work (demo load, first matrix) settles

	/** Upload the customers file and wait for its quality line (with `expect` in it). */
	const importCustomers = async (expect) => {
		const t0 = Date.now();
		await page.setInputFiles('[data-testid="import-file"]', customers);
		await page.waitForFunction((x) => document.querySelector('[data-testid="import-quality"]')?.textContent?.includes(x), expect, { timeout: 600_000 });
		const ms = Date.now() - t0;
		const stats = await page.locator('[data-testid="import-stats"]').innerText();
		const quality = await page.locator('[data-testid="import-quality"]').innerText();
		return { ms, stats, quality };
	};

	const base = await importCustomers('PLZ');
	console.log(`import without directory   ${s(base.ms).padStart(5)} s   ${base.stats} · ${base.quality}`);

	const t0 = Date.now();
	await page.setInputFiles('[data-testid="address-file"]', zip);
	await page.waitForSelector('[data-testid="address-status"]', { timeout: 900_000 });
	const loadMs = Date.now() - t0;
	const status = page.locator('[data-testid="address-status"]');
	const workerMs = Number(await status.getAttribute('data-read-ms'));
	const kept = Number(await status.getAttribute('data-entrances'));
	console.log(`directory read+cut+keep    ${s(loadMs).padStart(5)} s   (reading and cutting in the worker ${s(workerMs)} s; the rest: index, IndexedDB)   ${kept.toLocaleString('en')} entrances kept`);
	console.log(`                           ${(await status.innerText()).replace(/\s*\n\s*/g, ' | ')}`);

	const geo = await importCustomers('Adresse');
	console.log(`import with directory      ${s(geo.ms).padStart(5)} s   ${geo.stats} · ${geo.quality}   (target ≤ 30 s; geocoding adds ${s(geo.ms - base.ms)} s over the baseline)`);

	const t1 = Date.now();
	await page.goto(server.base + '/data?table=customers', { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('[data-testid="address-status"]', { timeout: 120_000 });
	console.log(`reload: directory restored ${s(Date.now() - t1).padStart(5)} s   (page load + IndexedDB + index; the file is not read again)`);
} finally {
	await ctx.close();
	server.stop();
}
