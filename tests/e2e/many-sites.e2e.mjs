/**
 * Issue 13 item 6: 5'000 candidate sites (the assessment tab used to run out of memory after ~77 s), and
 * site ids with characters that break a URL ("S%1", "A/B #2"). The ranking draws only the rows in view,
 * says that rank probabilities are not computed for that many sites, and every site's link opens its page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert } from './harness.mjs';

const N = 5000;
const SPECIAL = ['S%1', 'A/B #2', 'Zürich?3'];

function sitesCsv() {
	const out = ['site_id,name,capacity_workplaces,area_m2,cost_chf_m2_year,one_off_chf,lon,lat'];
	for (let i = 0; i < N; i++) {
		const id = i < SPECIAL.length ? SPECIAL[i] : `X${i}`;
		const q = (s) => (/[,"]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
		out.push(`${q(id)},${q(`Kandidat ${id}`)},${600 + (i % 200)},${12000 + (i % 5000)},${200 + (i % 150)},${2_000_000 + (i % 1000) * 1000},${(8.0 + ((i * 7919) % 4000) / 10000).toFixed(5)},${(46.95 + ((i * 104729) % 2500) / 10000).toFixed(5)}`);
	}
	return out.join('\n') + '\n';
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-sites-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

async function importFile(t, table, name, text) {
	const file = path.join(dir, name);
	fs.writeFileSync(file, text);
	await t.goto(`/data?table=${table}`);
	await t.ready();
	await t.page.setInputFiles('[data-testid="import-file"]', file);
	await t.page.waitForSelector('[data-testid="import-stats"]', { timeout: 120_000 });
	const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
	assert(/ 0 Fehler/.test(stats), `${name}: ${stats} ${await t.page.locator('[data-testid="import-issues"]').innerText().catch(() => '')}`);
	await t.page.click('[data-testid="import-commit"]');
	await t.page.waitForSelector('[data-testid="import-message"][data-kept="kept"]', { timeout: 120_000 });
}

export const tests = [
	{
		name: `${N} candidate sites: a virtual ranking, rank probabilities bounded and said so, links for any id`,
		async run(t) {
			// A travel-time file of our own first: the app then keeps it and does not route 5'000 destinations.
			await importFile(t, 'travel_times', 'travel_times.csv', 'origin_zone,destination_id,mode,minutes_p50\n1061,S%1,pt,12\n1061,S%1,car,9\n');
			await importFile(t, 'sites', 'sites.csv', sitesCsv());
			const started = Date.now();
			await t.goto('/ranking');
			await t.ready();
			await t.page.waitForSelector('[data-testid="ranking"] tbody tr[data-site]', { timeout: 120_000 });
			const box = t.page.locator('.vt:has([data-testid="ranking"])');
			assert((await box.getAttribute('data-virtual')) === 'true', 'the ranking of 5000 sites is not virtual');
			assert(Number(await box.getAttribute('data-rows')) > 4000, `ranked rows: ${await box.getAttribute('data-rows')}`);
			const drawn = await t.page.locator('[data-testid="ranking"] tbody tr[data-site]').count();
			assert(drawn > 5 && drawn < 200, `rows drawn: ${drawn}`);
			await t.page.waitForSelector('[data-testid="robust-too-many"]', { timeout: 60_000 });
			const note = await t.page.locator('[data-testid="robust-too-many"]').innerText();
			assert(/nicht berechnet/.test(note) && /200/.test(note), `robustness note: ${note}`);
			console.log(`      ranking of ${N} sites drawn ${Date.now() - started} ms after navigation; ${drawn} rows in the DOM`);
			await t.screenshot('many-sites-ranking');
			// Scroll to the end: the last rows are drawn, the first ones no longer.
			await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
			await t.page.waitForFunction(() => Number(document.querySelector('[data-testid="ranking"] tbody tr[data-site]:last-of-type')?.getAttribute('aria-rowindex')) > 4000);
			await t.screenshot('many-sites-ranking-end');
			// Site ids with % / # ?: every link is the encoded id, and such a link opens the site's page.
			const hrefs = await t.page.locator('[data-testid="site-link"]').evaluateAll((as) => as.map((a) => [a.closest('tr').dataset.site, a.getAttribute('href')]));
			for (const [id, href] of hrefs) assert(href.endsWith(`/sites/${encodeURIComponent(id)}`), `link of ${id}: ${href}`);
			for (const id of SPECIAL.slice(0, 2)) {
				await t.goto(`/sites/${encodeURIComponent(id)}`);
				await t.ready();
				await t.page.waitForFunction((want) => document.querySelector('h1')?.textContent?.includes(want), `Kandidat ${id}`, { timeout: 120_000 });
			}
			await t.page.screenshot({ path: path.join('test-results/screens', 'many-sites-special-id.png') });
		}
	}
];
