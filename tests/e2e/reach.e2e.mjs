import { assert } from './harness.mjs';

/** Tests in one file share a browser profile: a cut network kept in IndexedDB would carry over, so go back. */
async function backToDefault(t, mode) {
	await t.page.click(`[data-testid="network-${mode}"] button:has-text("Standardnetz"), [data-testid="network-${mode}"] button:has-text("default network")`);
	await t.page.waitForSelector(`[data-testid="network-${mode}"] .badge.approx`, { timeout: 60_000 });
}

/** The file name a request asks for. */
const fileOf = (r) => new URL(r.url()).pathname.split('/').pop();

/** Click "Recompute" and wait for the matrix it computes (data-ms is cleared first, then set by the new one). */
async function recomputeMatrix(t, timeout) {
	await t.page.evaluate(() => document.querySelector('[data-testid="matrix-rows"]').setAttribute('data-ms', ''));
	await t.page.getByRole('button', { name: /neu berechnen|Recompute/ }).click();
	await t.page.waitForFunction(() => document.querySelector('[data-testid="matrix-rows"]')?.dataset.ms, null, { timeout });
}

export const tests = [
	{
		name: "approximate networks load (the build's network files, not their inputs), matrix computed in the browser, isochrones drawn",
		async run(t) {
			const fetched = [];
			const seen = (r) => fetched.push(fileOf(r));
			t.page.on('request', seen);
			// The badges show at once (the snapshot's networks); the files are opened after it, PT then car.
			const asked = (name) => t.page.waitForRequest((r) => fileOf(r).startsWith(name) && fileOf(r).endsWith('.swnet'), { timeout: 90_000 }).then(() => true, () => false);
			const netfiles = Promise.all(['default-pt', 'default-car'].map(asked));
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForSelector('[data-testid="network-pt"] .badge.approx', { timeout: 60_000 });
			await t.page.waitForSelector('[data-testid="network-car"] .badge.approx', { timeout: 60_000 });
			// Opened from the files the build made (app/default-networks.ts): no GTFS parsed, no road graph built.
			const [pt, car] = await netfiles;
			assert(pt && car, `network files not fetched (pt ${pt}, car ${car}): ${fetched.filter((f) => !f.endsWith('.js')).join(', ')}`);
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
			t.page.off('request', seen);
			assert(!fetched.some((f) => f.startsWith('lucerne_approx_')), `network inputs fetched: ${fetched.filter((f) => f.startsWith('lucerne_approx_')).join(', ')}`);
			await t.screenshot('reach-isochrones');
		}
	},
	{
		name: "without the build's network files (.swnet) the approximate networks open from their inputs: same networks, same travel times",
		async run(t) {
			// What the page shows once both networks are open in the worker and the matrix is recomputed on them.
			const opened = async () => {
				await t.goto('/reach');
				await t.ready();
				await t.page.waitForSelector('[data-testid="network-pt"] .badge.approx', { timeout: 60_000 });
				await t.page.waitForSelector('[data-testid="network-car"] .badge.approx', { timeout: 60_000 });
				// Recompute waits for the networks being opened, so the figures below come from them, not the snapshot.
				await recomputeMatrix(t, 120_000);
				const counts = (mode) => t.page.locator(`[data-testid="network-${mode}"] > p`).nth(1).innerText();
				return {
					pt: await counts('pt'),
					car: await counts('car'),
					rows: await t.page.locator('[data-testid="matrix-rows"]').getAttribute('data-rows'),
					summary: await t.page.locator('[data-testid="reach-summary"] tbody tr').allInnerTexts()
				};
			};
			const withFiles = await opened();
			const fetched = [];
			const seen = (r) => fetched.push(fileOf(r));
			t.page.on('request', seen);
			await t.page.route('**/*.swnet', (r) => r.abort());
			try {
				const fromInputs = await opened();
				for (const name of ['lucerne_approx_gtfs', 'lucerne_approx_roads']) assert(fetched.some((f) => f.startsWith(name)), `${name} not fetched: ${fetched.filter((f) => !f.endsWith('.js')).join(', ')}`);
				assert(/\d/.test(withFiles.pt) && /\d/.test(withFiles.car) && Number(withFiles.rows) > 5000, `figures with the network files: ${JSON.stringify(withFiles).slice(0, 300)}`);
				for (const k of ['pt', 'car', 'rows']) assert(fromInputs[k] === withFiles[k], `${k}: ${fromInputs[k]} from the inputs, ${withFiles[k]} from the network files`);
				assert(JSON.stringify(fromInputs.summary) === JSON.stringify(withFiles.summary), `summaries differ: ${fromInputs.summary.slice(0, 2)} vs ${withFiles.summary.slice(0, 2)}`);
			} finally {
				t.page.off('request', seen);
				await t.page.unroute('**/*.swnet');
			}
		}
	},
	{
		name: 'recompute right as the page opens: the isochrones it asks for wait for the matrix instead of cancelling it',
		async run(t) {
			await t.goto('/reach');
			await t.ready();
			// The snapshot shows its networks at once; the click comes while they load and isochrones are requested.
			await t.page.waitForSelector('[data-testid="network-pt"] .badge', { timeout: 60_000 });
			// Twice: after a matrix, the raster figures and isochrones follow it, and the second click meets them.
			for (let i = 0; i < 2; i++) await recomputeMatrix(t, 60_000);
			await t.page.waitForFunction(() => !document.querySelector('[data-testid="progress"]'), null, { timeout: 60_000 });
			assert(!(await t.page.locator('.error').count()), `error shown: ${await t.page.locator('.error').allInnerTexts()}`);
		}
	},
	{
		name: 'raster figures: Güteklasse per site, residents within 30 min from the 250 m grid, class layer, GeoJSON in WGS84 and LV95',
		async run(t) {
			await t.goto('/reach');
			await t.ready();
			const row = (id) => t.page.locator(`[data-testid="catchment-table"] tr[data-id="${id}"]`);
			await t.page.waitForSelector('[data-testid="catchment-table"] tr[data-id="AK-WUERZ8"]', { timeout: 180_000 });
			// The city office whose municipality centroid lies beyond 30 min by PT now reaches people: counted per cell.
			const ak = Number(await row('AK-WUERZ8').getAttribute('data-pt30'));
			assert(ak > 10_000, `residents within 30 min of AK Würzenbach by PT: ${ak}`);
			const klasse = await row('S1-EICHHOF').getAttribute('data-klasse');
			assert(/^[ABCD]$/.test(klasse ?? ''), `Güteklasse of Eichhof-West: ${klasse}`);
			assert((await t.page.locator('[data-testid="catchment-source"]').getAttribute('data-approximate')) === 'true', 'population not labelled approximate');
			assert(/genähert/.test(await t.page.locator('[data-testid="catchment-source"]').innerText()), 'approximate note missing');
			const head = await t.page.locator('[data-testid="reach-summary"] thead').innerText();
			assert(/Raster, genähert/.test(head), `summary header: ${head}`);
			const pop = await t.page.locator('[data-testid="reach-summary"] [data-testid="pop30"]').allInnerTexts();
			assert(pop.filter((p) => /\d/.test(p)).length >= 10, `summary residents: ${pop.slice(0, 4)}`);
			// Class layer with its legend.
			await t.page.check('[data-testid="reach-gk"]');
			await t.page.waitForSelector('[data-testid="gk-legend"]');
			assert(Number(await t.page.locator('[data-testid="gk-legend"]').getAttribute('data-classes')) >= 3, 'fewer than 3 classes drawn');
			await t.page.waitForFunction(() => !document.querySelector('[data-testid="progress"]'), null, { timeout: 60_000 });
			await t.page.waitForTimeout(800);
			await t.screenshot('reach-grid-figures');
			await t.page.locator('.mapwrap').first().screenshot({ path: 'test-results/screens/reach-guteklassen-map.png' });
			// GeoJSON: Güteklassen in WGS84, isochrones in LV95 (with the crs member QGIS reads).
			const fs = await import('node:fs');
			const [gkDl] = await Promise.all([t.page.waitForEvent('download'), t.page.click('[data-testid="geojson-guteklassen"]')]);
			const gk = JSON.parse(fs.readFileSync(await gkDl.path(), 'utf8'));
			assert(gkDl.suggestedFilename() === 'oev-gueteklassen-wgs84.geojson', `file name ${gkDl.suggestedFilename()}`);
			assert(gk.type === 'FeatureCollection' && gk.features.map((f) => f.properties.klasse).join('') === 'ABCD' && !gk.crs, `Güteklassen GeoJSON: ${JSON.stringify(gk).slice(0, 200)}`);
			const lon = gk.features[0].geometry.coordinates[0][0][0][0];
			assert(lon > 7.5 && lon < 9, `WGS84 longitude ${lon}`);
			await t.page.selectOption('[data-testid="geojson-crs"]', 'lv95');
			const [isoDl] = await Promise.all([t.page.waitForEvent('download'), t.page.click('[data-testid="geojson-isochrones"]')]);
			const iso = JSON.parse(fs.readFileSync(await isoDl.path(), 'utf8'));
			assert(iso.crs?.properties?.name === 'urn:ogc:def:crs:EPSG::2056', `LV95 crs member: ${JSON.stringify(iso.crs)}`);
			assert(iso.features.length === 8 && iso.features.every((f) => f.properties.cell_m === 250), `isochrone features: ${iso.features.length}`);
			const e = iso.features[0].geometry.coordinates[0][0][0][0];
			assert(e > 2_600_000 && e < 2_700_000, `LV95 easting ${e}`);
		}
	},
	{
		name: 'a STATPOP hectare file replaces the approximate population; a bad one is rejected with rows and columns',
		async run(t) {
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForSelector('[data-testid="catchment-table"] tr[data-id="AK-WUERZ8"]', { timeout: 180_000 });
			const fs = await import('node:fs');
			await t.page.setInputFiles('[data-testid="upload-statpop"]', { name: 'bad.csv', mimeType: 'text/csv', buffer: fs.readFileSync('tests/fixtures/statpop/bad.csv') });
			await t.page.waitForSelector('[data-testid="statpop-error"]', { timeout: 60_000 });
			const err = await t.page.locator('[data-testid="statpop-error"]').innerText();
			assert(/bad\.csv/.test(err) && /Zeile 3, Spalte E_KOORD/.test(err) && /Zeile 5, Spalte B24BTOT/.test(err), `error text: ${err}`);
			await t.page.setInputFiles('[data-testid="upload-statpop"]', { name: 'STATPOP2024_sample.csv', mimeType: 'text/csv', buffer: fs.readFileSync('tests/fixtures/statpop/STATPOP2024_sample.csv') });
			await t.page.waitForFunction(() => document.querySelector('[data-testid="catchment-source"]')?.dataset.approximate === 'false', null, { timeout: 120_000 });
			await t.page.waitForFunction(() => !document.querySelector('[data-testid="statpop-error"]') && document.querySelector('[data-testid="catchment-table"]'), null, { timeout: 120_000 });
			const src = await t.page.locator('[data-testid="catchment-source"]').innerText();
			assert(/STATPOP2024_sample\.csv/.test(src) && /497 Einwohner/.test(src), `source note: ${src}`);
			const head = await t.page.locator('[data-testid="reach-summary"] thead').innerText();
			assert(/Raster, STATPOP/.test(head), `summary header: ${head}`);
		}
	},
	{
		name: 'a real GTFS feed (Zug 2021) replaces the approximate PT network (a right-to-left override in its file name is shown)',
		async run(t) {
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForSelector('[data-testid="network-pt"] .badge.approx', { timeout: 60_000 });
			const fs = await import('node:fs');
			// U+202E would show the name as "gtfs_ch_piz.guz": its code point is shown instead.
			await t.page.setInputFiles('[data-testid="upload-pt"]', { name: 'gtfs_ch_\u202ezug.zip', mimeType: 'application/zip', buffer: fs.readFileSync('data/networks/gtfs_ch_zug.zip') });
			await t.page.waitForSelector('[data-testid="network-pt"] .badge:not(.approx)', { timeout: 60_000 });
			const txt = await t.page.locator('[data-testid="network-pt"]').innerText();
			assert(txt.includes('gtfs_ch_⟨U+202E⟩zug.zip') && !txt.includes('\u202e') && /(service day|Stichtag) \d\d?\.\d\d?\.20\d\d/.test(txt), `network info not updated: ${txt}`);
			// What the reader tolerated in this cut of the national feed is listed with the network (stations outside Zug).
			await t.page.click('[data-testid="network-warnings-pt"] summary');
			const notes = await t.page.locator('[data-testid="network-warnings-pt"]').innerText();
			assert(/Hinweise zum Fahrplan \(2\)/.test(notes) && /parent_station fehlt in stops\.txt: 327/.test(notes), `feed notes: ${notes}`);
			await t.screenshot('reach-feed-notes');
			await backToDefault(t, 'pt');
		}
	},
	{
		name: 'a large GTFS (Zug + 24 far-away copies) streams by stage, can be cancelled, then is cut to the study region with provenance; a day outside its validity is refused with the nearest valid day',
		async run(t) {
			const fs = await import('node:fs');
			const os = await import('node:os');
			const path = await import('node:path');
			const { execFileSync } = await import('node:child_process');
			const feed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gtfs-big-')), 'gtfs_ch_gross.zip');
			execFileSync(process.execPath, ['--import', 'tsx', 'bench/gtfs-national.ts', feed, '24', '1'], { stdio: 'ignore' });
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForSelector('[data-testid="network-pt"] .badge.approx', { timeout: 60_000 });
			await t.page.waitForFunction(() => Number(document.querySelector('[data-testid="matrix-rows"]')?.dataset.rows) > 0, null, { timeout: 60_000 });
			// Cancel while it reads: the approximate network stays, no error.
			await t.page.setInputFiles('[data-testid="upload-pt"]', feed);
			const bar = t.page.locator('[data-testid="network-pt"] [data-testid="progress"]');
			await bar.waitFor({ timeout: 30_000 });
			await t.screenshot('reach-gtfs-progress');
			await t.page.locator('[data-testid="network-pt"] button', { hasText: /Abbrechen|Cancel/ }).click();
			await bar.waitFor({ state: 'detached', timeout: 30_000 });
			assert(await t.page.locator('[data-testid="network-pt"] .badge.approx').count(), 'cancel replaced the PT network');
			assert(!(await t.page.locator('[data-testid="network-error-pt"]').count()), 'cancel shown as an error');
			// A service day outside the feed's validity: refused in German, the nearest valid day offered.
			await t.page.fill('[data-testid="service-day"]', '2027-01-15');
			await t.page.setInputFiles('[data-testid="upload-pt"]', feed);
			const err = await t.page.waitForSelector('[data-testid="network-error-pt"]', { timeout: 60_000 });
			assert(/ausserhalb der Gültigkeit/.test(await err.innerText()), `refusal: ${await err.innerText()}`);
			assert(await t.page.locator('[data-testid="network-pt"] .badge.approx').count(), 'refused feed replaced the PT network');
			await t.page.click('[data-testid="use-suggested-day"]');
			await t.page.waitForSelector('[data-testid="network-pt"] .badge:not(.approx)', { timeout: 90_000 });
			const prov = await t.page.locator('[data-testid="provenance-pt"]').innerText();
			assert(/gtfs_ch_gross\.zip/.test(prov) && /25 km/.test(prov), `provenance: ${prov}`);
			// The 24 copies lie far outside the region: only the real feed's trips are kept.
			const counts = /(\d[\d’']*) Fahrten von (\d[\d’']*)/.exec(prov);
			assert(counts && Number(counts[2].replace(/\D/g, '')) > 20 * Number(counts[1].replace(/\D/g, '')), `trips kept vs read: ${prov}`);
			await t.screenshot('reach-gtfs-cut');
			await backToDefault(t, 'pt');
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
			await backToDefault(t, 'car');
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
			await t.page.waitForSelector('[data-testid="import-message"][data-kept="kept"]:has-text("3 Zeilen")');
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForFunction(() => document.querySelector('[data-testid="matrix-rows"]')?.dataset.rows === '3', null, { timeout: 20_000 });
		}
	}
];
