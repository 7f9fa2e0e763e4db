/**
 * The overview map: layer panel (shading, overlays), legend matching the active layer, details panel
 * by click and by keyboard, commute change for a site and the best-location surface.
 */
import fs from 'node:fs';
import { assert } from './harness.mjs';

const MAP = '[data-testid="map-site"]';
/** Wait for DuckDB, the map and the travel-time matrix (the commute layers need it). */
async function openOverview(t) {
	await t.goto('/');
	await t.ready();
	await t.page.waitForSelector('[data-map-ready="true"] canvas', { timeout: 30_000 });
	await t.page.waitForSelector(`${MAP} option[value="S1-EICHHOF"]`, { state: 'attached', timeout: 30_000 });
}
const mapData = (t) =>
	t.page.evaluate(() => {
		const m = document.querySelector('[data-map-ready="true"]');
		return { n: Number(m.dataset.zoneValues), min: Number(m.dataset.zoneMin), max: Number(m.dataset.zoneMax), cells: Number(m.dataset.surfaceCells), scored: Number(m.dataset.surfaceScored) };
	});
const legendText = (t) => t.page.locator('[data-testid="map-legend"]').innerText();

/** A Lucerne municipality where 1–4 staff live (from the shipped demo data). */
function smallZone() {
	const lines = (f) => fs.readFileSync(`data/demo/${f}`, 'utf8').trim().split('\n').slice(1);
	const lu = new Set(lines('zones.csv').map((l) => l.split(',')).filter((c) => c[2] === 'LU').map((c) => c[0]));
	const n = new Map();
	const zoneCol = fs.readFileSync('data/demo/staff.csv', 'utf8').split('\n')[0].split(',').indexOf('zone_id');
	for (const l of lines('staff.csv')) {
		const z = l.split(',')[zoneCol];
		n.set(z, (n.get(z) ?? 0) + 1);
	}
	return [...n].find(([z, c]) => lu.has(z) && c > 0 && c < 5)[0];
}

export const tests = [
	{
		name: 'commute change for Eichhof-West: legend, values in the map source, summary',
		async run(t) {
			await openOverview(t);
			// Default shading: staff per municipality with the privacy class "< 5".
			assert((await t.page.locator('[data-testid="map-legend"]').getAttribute('data-shading')) === 'staff', 'default shading is not staff');
			assert((await legendText(t)).includes('< 5'), `staff legend has no "< 5" class: ${await legendText(t)}`);
			const staff = await mapData(t);
			assert(staff.n > 50 && staff.min >= 1, `staff layer values: ${JSON.stringify(staff)}`);

			await t.page.selectOption(MAP, 'S1-EICHHOF');
			await t.page.check('[data-testid="shading-change"]');
			await t.page.waitForFunction(() => Number(document.querySelector('[data-testid="change-summary"]')?.dataset.zones) > 10, null, { timeout: 90_000 });
			await t.page.waitForFunction(() => document.querySelector('[data-testid="map-legend"]')?.dataset.shading === 'change');
			const legend = await legendText(t);
			assert(/Veränderung Arbeitsweg nach Eichhof-West \(min/.test(legend), `legend title: ${legend}`);
			assert(legend.includes('weniger als 5') && /[−-]20/.test(legend) && /\+20/.test(legend), `legend classes: ${legend}`);
			assert((await t.page.locator('[data-testid="map-legend"]').getAttribute('data-classes')) === '9', 'diverging legend should have 9 classes');
			await t.page.waitForFunction(() => document.querySelector('[data-map-ready="true"]').dataset.zoneMin < 0, null, { timeout: 10_000 }).catch(() => {});
			const d = await mapData(t);
			// Only municipalities with at least 5 movers carry a mean (small-group rule, docs/PRIVACY.md).
			assert(d.n > 20 && d.n < staff.n, `municipalities with a commute change in the map source: ${d.n} (staff layer ${staff.n})`);
			assert(Number.isFinite(d.min) && Number.isFinite(d.max) && d.min < d.max, `commute change values: ${JSON.stringify(d)}`);
			const summary = await t.page.locator('[data-testid="change-summary"]').innerText();
			assert(/Eichhof-West: Ø [−+]?\d/.test(summary) && summary.includes('schneller') && summary.includes('langsamer'), `summary: ${summary}`);
			await t.page.waitForTimeout(600);
			await t.screenshot('map-change-eichhof');
			await t.page.locator('.mapgrid').screenshot({ path: 'test-results/screens/map-change-eichhof-map.png' });
		}
	},
	{
		name: 'details panel: municipality by keyboard and by click, small counts suppressed',
		async run(t) {
			await openOverview(t);
			await t.page.waitForFunction(() => Number(document.querySelector('[data-testid="change-summary"], [data-map-ready="true"]')?.dataset.zoneValues) > 10, null, { timeout: 30_000 });
			// Keyboard: focus the municipality select, choose Kriens (1059) with the keys.
			const zoneSelect = t.page.locator('[data-testid="details-zone"]');
			await zoneSelect.focus();
			await zoneSelect.selectOption('1059');
			await t.page.waitForSelector('[data-testid="details-panel"][data-kind="zone"][data-id="1059"]');
			const panel = t.page.locator('[data-testid="details-panel"]');
			assert((await panel.innerText()).includes('Kriens'), 'Kriens not shown');
			const staff = await t.page.locator('[data-testid="details-staff"]').innerText();
			assert(/^\d/.test(staff) && Number(staff.replace(/\D/g, '')) >= 5, `staff in Kriens: ${staff}`);
			// Once the matrix is there, the commute change to the chosen site (Eichhof-West) appears.
			await t.page.waitForSelector('[data-testid="details-change"]', { timeout: 90_000 });
			assert((await panel.innerText()).includes('Bei Umzug nach Eichhof-West'), 'no commute change block');
			const ch = await t.page.locator('[data-testid="details-change"]').getAttribute('data-change');
			assert(ch !== '' && Number.isFinite(Number(ch)), `change value: ${ch}`);
			await t.page.locator('.side').screenshot({ path: 'test-results/screens/map-details-kriens.png' });

			// A municipality with 1–4 staff shows "< 5", never the number.
			const z = smallZone();
			await zoneSelect.selectOption(z);
			await t.page.waitForSelector(`[data-testid="details-panel"][data-id="${z}"]`);
			assert((await t.page.locator('[data-testid="details-staff"]').innerText()).trim() === '< 5', `small count not suppressed for zone ${z}`);
			// Nor the mean commute of its few movers.
			if (await t.page.locator('[data-testid="details-change"]').count()) {
				assert((await t.page.locator('[data-testid="details-change"]').getAttribute('data-change')) === '', `zone ${z}: mean change of fewer than 5 movers shown`);
				assert((await t.page.locator('[data-testid="details-few"]').count()) === 1, `zone ${z}: no note on the missing means`);
			}

			// Click in the middle of the map: a Lucerne municipality gets selected.
			const box = await t.page.locator('[data-map-ready="true"] canvas').boundingBox();
			await t.page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.5);
			await t.page.waitForFunction(
				(prev) => {
					const p = document.querySelector('[data-testid="details-panel"]');
					return p.dataset.kind === 'zone' && p.dataset.id !== prev;
				},
				z,
				{ timeout: 10_000 }
			);
			const clicked = await panel.getAttribute('data-id');
			assert((await zoneSelect.inputValue()) === clicked, 'select does not follow the map click');
			// Hover shows the municipality with its figure in a tooltip (an extra, not the only way in).
			await t.page.mouse.move(box.x + box.width * 0.55 + 3, box.y + box.height * 0.5 + 3);
			await t.page.waitForSelector('[role="tooltip"]', { timeout: 5_000 });
			assert(/Mitarbeitende: (< 5|\d)/.test(await t.page.locator('[role="tooltip"]').innerText()), 'tooltip without staff figure');
			await t.page.locator('.mapgrid').screenshot({ path: 'test-results/screens/map-click-hover.png' });

			// A site by keyboard: the chosen-site select opens the site details.
			await t.page.selectOption(MAP, 'S8-SURSEE');
			await t.page.waitForSelector('[data-testid="details-panel"][data-kind="site"][data-id="S8-SURSEE"]');
			await t.page.waitForSelector('[data-testid="details-panel"] [data-testid="details-change"]', { timeout: 90_000 });
			assert((await panel.innerText()).includes('Sursee Bahnhof'), 'site details missing');
			await t.page.locator('.side').screenshot({ path: 'test-results/screens/map-details-site.png' });
		}
	},
	{
		name: 'best-location surface: progress, scored cells, best cell reported and marked',
		async run(t) {
			await openOverview(t);
			await t.page.check('[data-testid="shading-surface"]');
			// ~370 cells × 2 modes take seconds in the worker: a progress bar with cancel is shown meanwhile.
			await t.page.waitForSelector('[data-testid="surface-info"] [data-testid="progress"] button', { timeout: 90_000 });
			await t.page.waitForSelector('[data-testid="surface-best"]', { timeout: 180_000 });
			const best = await t.page.locator('[data-testid="surface-best"]').evaluate((e) => ({ ...e.dataset, text: e.innerText }));
			const lon = Number(best.lon);
			const lat = Number(best.lat);
			assert(lon > 7.8 && lon < 8.55 && lat > 46.75 && lat < 47.3, `best cell outside the canton: ${lon}, ${lat}`);
			assert(Number(best.score) > 90 && Number(best.score) <= 100, `best score ${best.score}`);
			assert(best.place && /Bester Ort: .+ \(Score \d/.test(best.text), `best text: ${best.text}`);
			const d = await mapData(t);
			assert(d.cells > 300 && d.scored > 30 && d.scored <= d.cells, `surface cells: ${JSON.stringify(d)}`);
			const legend = await legendText(t);
			assert(legend.includes('Standortgunst (Score 0–100') && legend.includes('Bester Ort') && legend.includes('nicht bewertet'), `surface legend: ${legend}`);
			// The candidates' distances to the best cell are listed.
			assert((await t.page.locator('[data-testid="surface-info"] .dist li').count()) === 8, 'candidate distances missing');
			await t.page.waitForTimeout(600);
			await t.screenshot('map-surface');
			await t.page.locator('.mapgrid').screenshot({ path: 'test-results/screens/map-surface-map.png' });

			// The surface follows the assessment's weights: customer access only, set on the ranking page.
			await t.goto('/ranking?w=staff_pt_mean:0,staff_car_mean:0,customer_access:100,co2:0');
			await t.ready();
			await t.page.waitForSelector('[data-testid="ranking"]');
			await t.page.click('nav a[href$="/"]');
			await t.page.check('[data-testid="shading-surface"]');
			await t.page.waitForSelector('[data-testid="surface-best"]', { timeout: 180_000 });
			const note = await t.page.locator('[data-testid="surface-info"]').innerText();
			assert(note.includes('Kundschaft: mittlere Reisezeit (besuchsgewichtet) 100 %') && !note.includes('ÖV-Reisezeit'), `surface criteria do not follow the weights: ${note}`);
		}
	},
	{
		name: 'isochrones overlay, customers shading, English legend',
		async run(t) {
			await openOverview(t);
			await t.page.check('[data-testid="shading-customers"]');
			await t.page.waitForFunction(() => document.querySelector('[data-testid="map-legend"]')?.dataset.shading === 'customers');
			assert((await legendText(t)).includes('Kundschaft pro Gemeinde (Personen/Betriebe)'), 'customers legend title');
			await t.page.check('[data-testid="overlay-isochrones"]');
			await t.page.waitForFunction(() => document.querySelector('[data-testid="map-legend"]')?.innerText.includes('Erreichbar innert'), null, { timeout: 10_000 });
			// Isochrones computed after the matrix: the progress goes away without error.
			await t.page.waitForFunction(() => !document.querySelector('[data-testid="layer-panel"] [data-testid="progress"]') && !document.querySelector('[data-testid="layer-panel"] .small'), null, { timeout: 120_000 });
			await t.page.uncheck('[data-testid="overlay-offices"]');
			assert(!(await legendText(t)).includes('Heutiger Standort'), 'legend still lists offices after hiding them');
			await t.page.waitForTimeout(800);
			await t.page.locator('.mapgrid').screenshot({ path: 'test-results/screens/map-isochrones-customers.png' });
			await t.page.selectOption('header select', 'en');
			await t.page.check('[data-testid="shading-change"]');
			await t.page.waitForFunction(() => /Commute change to Eichhof-West \(min/.test(document.querySelector('[data-testid="map-legend"]')?.innerText ?? ''), null, { timeout: 90_000 });
			await t.page.waitForTimeout(600);
			await t.page.locator('.mapgrid').screenshot({ path: 'test-results/screens/map-change-isochrones-en.png' });
		}
	},
	{
		name: 'ÖV-Güteklassen and population raster overlays with legends; sites GeoJSON with the key figures',
		async run(t) {
			await openOverview(t);
			await t.page.check('[data-testid="overlay-guteklassen"]');
			await t.page.check('[data-testid="overlay-population"]');
			// Both follow the matrix and the raster figures (own job in the reach worker).
			await t.page.waitForSelector('[data-testid="gk-legend"]', { timeout: 180_000 });
			await t.page.waitForSelector('[data-testid="population-legend"]', { timeout: 60_000 });
			assert((await t.page.locator('[data-testid="population-legend"]').getAttribute('data-source')) === 'approximate', 'population source');
			assert(/Genähert|Approximate/.test(await t.page.locator('[data-testid="population-legend"]').innerText()), 'population legend does not say approximate');
			await t.page.check('[data-testid="shading-none"]');
			await t.page.waitForTimeout(1000);
			await t.page.locator('.mapgrid').screenshot({ path: 'test-results/screens/map-guteklassen-population.png' });
			// Sites as GeoJSON once the criteria hold the raster figures.
			await t.page.waitForFunction(() => !document.querySelector('[data-testid="geojson-sites"]')?.disabled, null, { timeout: 60_000 });
			await t.page.waitForTimeout(3000);
			const [dl] = await Promise.all([t.page.waitForEvent('download'), t.page.click('[data-testid="geojson-sites"]')]);
			const fc = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
			const e = fc.features.find((f) => f.properties.site_id === 'S1-EICHHOF');
			assert(fc.features.length === 8 && e, `sites GeoJSON: ${fc.features.length}`);
			assert(/^[ABCD]$/.test(e.properties.oev_gueteklasse ?? '') && e.properties.residents_pt_30 > 10_000, `Eichhof properties: ${JSON.stringify(e.properties)}`);
			assert(/^approximate/.test(e.properties.population_source), `population source ${e.properties.population_source}`);
		}
	}
];
