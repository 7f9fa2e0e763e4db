import { assert } from './harness.mjs';

export const tests = [
	{
		name: 'approximate networks load, matrix computed in the browser, isochrones drawn',
		async run(t) {
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForSelector('[data-testid="network-pt"] .badge.approx', { timeout: 60_000 });
			await t.page.waitForSelector('[data-testid="network-car"] .badge.approx', { timeout: 60_000 });
			await t.page.waitForFunction(() => Number(document.querySelector('[data-testid="matrix-rows"]')?.dataset.rows) > 1000, null, { timeout: 60_000 });
			const rows = Number(await t.page.locator('[data-testid="matrix-rows"]').getAttribute('data-rows'));
			assert(rows > 5000, `matrix too small: ${rows}`);
			// Summary: Eichhof-West by car has a median time and residents within 30 min.
			const summary = await t.page.locator('[data-testid="reach-summary"] tbody tr').allInnerTexts();
			assert(summary.some((r) => r.includes('Eichhof-West') && /\d/.test(r)), `no summary row for Eichhof-West: ${summary.slice(0, 3)}`);
			// Isochrones for the selected site: polygons drawn on the map, no error shown.
			await t.page.waitForFunction(() => !document.querySelector('[data-testid="progress"]'), null, { timeout: 30_000 });
			await t.page.waitForTimeout(800);
			assert(!(await t.page.locator('.error').count()), `error shown: ${await t.page.locator('.error').allInnerTexts()}`);
			await t.screenshot('reach-isochrones');
		}
	},
	{
		name: 'a real GTFS feed (Zug 2021) replaces the approximate PT network',
		async run(t) {
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForSelector('[data-testid="network-pt"] .badge.approx', { timeout: 60_000 });
			const fs = await import('node:fs');
			await t.page.setInputFiles('[data-testid="upload-pt"]', { name: 'gtfs_ch_zug.zip', mimeType: 'application/zip', buffer: fs.readFileSync('data/networks/gtfs_ch_zug.zip') });
			await t.page.waitForSelector('[data-testid="network-pt"] .badge:not(.approx)', { timeout: 60_000 });
			const txt = await t.page.locator('[data-testid="network-pt"]').innerText();
			assert(/gtfs_ch_zug\.zip/.test(txt) && /(service day|Stichtag) 20\d\d-\d\d-\d\d/.test(txt), `network info not updated: ${txt}`);
		}
	}
];
