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
	},
	{
		name: 'an OSM PBF outside the study region is refused in German and the working car network stays',
		async run(t) {
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForSelector('[data-testid="network-car"] .badge.approx', { timeout: 60_000 });
			await t.page.waitForFunction(() => Number(document.querySelector('[data-testid="matrix-rows"]')?.dataset.rows) > 0, null, { timeout: 60_000 });
			const rowsBefore = await t.page.locator('[data-testid="matrix-rows"]').getAttribute('data-rows');
			const fs = await import('node:fs');
			await t.page.setInputFiles('[data-testid="upload-car"]', { name: 'monaco.osm.pbf', mimeType: 'application/octet-stream', buffer: fs.readFileSync('data/networks/monaco.osm.pbf') });
			const err = await t.page.waitForSelector('[data-testid="network-error-car"]', { timeout: 60_000 });
			const text = await err.innerText();
			assert(/Keine Strassen im Untersuchungsgebiet/.test(text) && /bleibt/.test(text), `refusal: ${text}`);
			// The approximate network and the matrix stay; the message does not vanish when something else runs.
			assert(await t.page.locator('[data-testid="network-car"] .badge.approx').count(), 'car network replaced by a refused file');
			await t.page.waitForTimeout(1500);
			assert((await t.page.locator('[data-testid="matrix-rows"]').getAttribute('data-rows')) === rowsBefore, 'matrix changed after a refused file');
			assert(await t.page.locator('[data-testid="network-error-car"]').count(), 'refusal vanished');
			await t.screenshot('reach-pbf-refused');
		}
	},
	{
		name: 'an OSM PBF of the region replaces the road network, is cut with provenance, kept across a reload and saved as a network file',
		async run(t) {
			const fs = await import('node:fs');
			const os = await import('node:os');
			const path = await import('node:path');
			const { execFileSync } = await import('node:child_process');
			const pbf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lu-pbf-')), 'lucerne_roads.osm.pbf');
			execFileSync(process.execPath, ['--import', 'tsx', 'tests/fixtures/road/lucerne-pbf.ts', pbf]);
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForSelector('[data-testid="network-car"] .badge.approx', { timeout: 60_000 });
			await t.page.setInputFiles('[data-testid="upload-car"]', pbf);
			await t.page.waitForSelector('[data-testid="network-car"] .badge:not(.approx)', { timeout: 60_000 });
			const prov = await t.page.locator('[data-testid="provenance-car"]').innerText();
			assert(/lucerne_roads\.osm\.pbf/.test(prov) && /25 km/.test(prov), `provenance: ${prov}`);
			const checksum = await t.page.locator('[data-testid="network-car"]').getAttribute('data-checksum');
			assert(/^[0-9a-f]{64}$/.test(checksum ?? ''), `checksum ${checksum}`);
			await t.page.waitForFunction(() => Number(document.querySelector('[data-testid="matrix-rows"]')?.dataset.rows) > 0, null, { timeout: 60_000 });
			const [dl] = await Promise.all([t.page.waitForEvent('download'), t.page.click('[data-testid="download-network-car"]')]);
			const saved = fs.readFileSync(await dl.path());
			assert(saved.subarray(0, 6).toString() === 'SWNET1', 'download is not a network file');
			await t.screenshot('reach-pbf-loaded');
			// A reload opens the kept network file: same checksum, no re-import.
			await t.page.reload();
			await t.ready();
			await t.page.waitForSelector('[data-testid="network-car"] .badge:not(.approx)', { timeout: 60_000 });
			assert((await t.page.locator('[data-testid="network-car"]').getAttribute('data-checksum')) === checksum, 'reload did not keep the cut network');
		}
	},
	{
		name: 'an imported travel-time matrix (CSV from another tool) replaces the computed one',
		async run(t) {
			await t.goto('/data?table=travel_times');
			await t.ready();
			// r5/OTP-style export: other column names, one row per origin/destination/mode.
			const csv = 'origin,destination,mode,travel_time\n1061,S1-EICHHOF,pt,12\n1061,S1-EICHHOF,car,9\n1059,S1-EICHHOF,pt,7\n';
			await t.page.setInputFiles('[data-testid="import-file"]', { name: 'r5_matrix.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
			await t.page.waitForSelector('[data-testid="import-stats"]');
			await t.page.click('[data-testid="import-commit"]');
			await t.page.waitForSelector('[data-testid="import-message"]:has-text("3 Zeilen")');
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForFunction(() => document.querySelector('[data-testid="matrix-rows"]')?.dataset.rows === '3', null, { timeout: 20_000 });
		}
	}
];
