import { assert } from './harness.mjs';

const order = (t) => t.page.locator('[data-testid="ranking"] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.site));

/** The ranking is recomputed once the browser has computed the travel-time matrix. */
const waitForTravelTimes = (t) => t.page.waitForSelector('[data-testid="ranking"][data-travel-rows]:not([data-travel-rows="0"]) tbody tr', { timeout: 60_000 });

export const tests = [
	{
		name: 'ranking shows sites, exclusions, and re-ranks when a weight changes',
		async run(t) {
			await t.goto('/ranking');
			await t.ready();
			await t.page.waitForSelector('[data-testid="ranking"] tbody tr');
			// Wait for the travel-time matrix so commute criteria take part.
			await waitForTravelTimes(t);
			const before = await order(t);
			assert(before.length >= 4, `too few ranked sites: ${before}`);
			// beside the PT mean: the wait before work and the staff without a PT time (6 of 542 in the default), with the rule
			const pt = await t.page.locator('[data-testid="pt-cell"]').first().innerText();
			assert(/Warten [\d,.]+/.test(pt) && /\d+ ohne ÖV-Zeit/.test(pt), `PT cell: ${pt}`);
			assert((await t.page.locator('[data-testid="pt-note"]').innerText()).includes('Autozeit'), 'PT note missing');
			const excluded = await t.page.locator('[data-testid="excluded"] li').allInnerTexts();
			assert(excluded.some((x) => /Kapazität|capacity/i.test(x)), `capacity exclusion missing: ${excluded}`);
			// Weights are percentages with their sum shown: the defaults make 100 %.
			assert((await t.page.locator('[data-testid="weight-sum"]').getAttribute('data-sum')) === '100', 'default weights do not sum to 100');
			await t.screenshot('ranking-default');
			// Put all weight on the NPV (the one money criterion): the site with the highest NPV must come first.
			for (const id of await t.page.locator('input[type=range]').evaluateAll((xs) => xs.map((x) => x.dataset.testid))) {
				await t.page.locator(`[data-testid="${id}"]`).fill(id === 'weight-npv' ? '56' : '0');
			}
			await t.page.waitForFunction((b) => [...document.querySelectorAll('[data-testid="ranking"] tbody tr')].map((r) => r.dataset.site).join() !== b, before.join());
			const after = await order(t);
			assert(after.join() !== before.join(), 'ranking did not change');
			// 56 % can be set exactly; the sum is shown and can be scaled to 100 %.
			assert((await t.page.locator('[data-testid="weight-pct-npv"]').inputValue()) === '56', 'the percent input does not show 56');
			assert((await t.page.locator('[data-testid="weight-sum"]').getAttribute('data-sum')) === '56', 'sum not 56');
			// The robustness figures follow once the weights rest: only the NPV weighted, its leader is first in every sample.
			await t.page.waitForSelector('[data-testid="robustness"][aria-busy="false"]', { timeout: 10_000 });
			const leaderP1 = await t.page.locator(`[data-testid="ranking"] tr[data-site="${after[0]}"] td:last-child`).innerText();
			assert(leaderP1 === '100 %', `P(1st) of the NPV leader with only the NPV weighted: ${leaderP1}`);
			await t.page.click('[data-testid="weights-scale"]');
			assert((await t.page.locator('[data-testid="weight-pct-npv"]').inputValue()) === '100', 'scaling to 100 % failed');
			await t.page.waitForSelector('[data-testid="robustness"][aria-busy="false"]', { timeout: 10_000 });
			await t.screenshot('ranking-npv-only');
			// All weights 0: refused with a message, no scores shown.
			await t.page.locator('[data-testid="weight-pct-npv"]').fill('0');
			await t.page.locator('[data-testid="weight-pct-npv"]').press('Tab');
			await t.page.waitForSelector('[data-testid="weights-zero"]');
			await t.page.waitForSelector('[data-testid="ranking-problem"]');
			assert((await t.page.locator('[data-testid="ranking"]').count()) === 0, 'a ranking is shown with all weights at 0');
			await t.screenshot('ranking-no-weights');
		}
	}
];

tests.push({
	name: 'weights from the URL, scenario saved in the browser survives a reload',
	async run(t) {
		await t.goto('/ranking?w=staff_pt_mean:0,staff_car_mean:0,staff_losers:0,customer_access:0,co2:0,capacity_reserve:50,npv:0');
		await t.ready();
		await t.page.waitForSelector('[data-testid="ranking"] tbody tr');
		const reserve = await t.page.locator('[data-testid="weight-capacity_reserve"]').inputValue();
		assert(reserve === '50', `weight from URL not applied: ${reserve}`);
		// With only the capacity reserve weighted, the site with the largest reserve (Eichhof-West, 700 places) leads.
		const first = await t.page.locator('[data-testid="ranking"] tbody tr').first().getAttribute('data-site');
		assert(first === 'S1-EICHHOF', `expected Eichhof-West first, got ${first}`);
		await t.page.fill('[data-testid="scenario-name"]', 'Nur Reserve');
		const id = await t.page.locator('[data-testid="scenario-id"]').innerText();
		await t.page.click('[data-testid="scenario-save"]');
		await t.page.waitForSelector(`[data-testid="saved-scenarios"] li:has-text("${id}")`);
		await t.goto('/ranking');
		await t.ready();
		await t.page.waitForSelector(`[data-testid="saved-scenarios"] li:has-text("Nur Reserve")`);
		await t.screenshot('ranking-scenarios');
	}
});

tests.push({
	name: 'the app and the CLI give the same ranking and scores for the Lucerne default',
	async run(t) {
		const { execFileSync } = await import('node:child_process');
		const cli = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'score', 'data/demo', '--compute-times', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
		await t.goto('/ranking');
		await t.ready();
		await waitForTravelTimes(t);
		const app = await t.page.locator('[data-testid="ranking"] tbody tr').evaluateAll((rows) =>
			rows.map((r) => ({ site: r.dataset.site, score: r.querySelector('.score').textContent.trim() }))
		);
		const expected = cli.score.ranking.map((r) => ({ site: r.site_id, score: r.score.toFixed(1) }));
		assert(JSON.stringify(app) === JSON.stringify(expected), `app ${JSON.stringify(app)} ≠ CLI ${JSON.stringify(expected)}`);
	}
});

tests.push({
	name: 'ranking exports as CSV and XLSX with the same content',
	async run(t) {
		await t.goto('/ranking');
		await t.ready();
		await waitForTravelTimes(t);
		const fs = await import('node:fs');
		const [csvDl] = await Promise.all([t.page.waitForEvent('download'), t.page.click('[data-testid="export-csv"]')]);
		const csv = fs.readFileSync(await csvDl.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
		const ranked = await t.page.locator('[data-testid="ranking"] tbody tr').count();
		assert(csv.length === ranked + 1, `CSV has ${csv.length - 1} rows, table ${ranked}`);
		assert(csv[0].startsWith('Rang;site_id;Standort;Nutzwert'), `CSV header: ${csv[0]}`);
		const [xDl] = await Promise.all([t.page.waitForEvent('download'), t.page.click('[data-testid="export-xlsx"]')]);
		const { default: ExcelJS } = await import('exceljs');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(await xDl.path());
		const ws = wb.worksheets[0];
		assert(ws.rowCount === ranked + 1, `XLSX has ${ws.rowCount - 1} rows`);
		assert(String(ws.getRow(2).getCell(3).value) === csv[1].split(';')[2], 'XLSX and CSV disagree on the first site');
	}
});

tests.push({
	name: 'rank-probability chart draws and exports as SVG and PNG',
	async run(t) {
		await t.goto('/ranking');
		await t.ready();
		await waitForTravelTimes(t);
		const svg = t.page.locator('[data-testid="rank-chart"] svg[role="img"]');
		await svg.waitFor();
		assert((await svg.locator('rect').count()) > 6, 'no bars drawn');
		const fs = await import('node:fs');
		const [svgDl] = await Promise.all([t.page.waitForEvent('download'), t.page.click('[data-testid="rank-chart"] button[data-export="svg"]')]);
		const text = fs.readFileSync(await svgDl.path(), 'utf8');
		assert(text.includes('<svg') && text.includes('Eichhof-West') && !text.includes('var('), 'exported SVG incomplete');
		await t.page.waitForTimeout(300);
		const [pngDl] = await Promise.all([t.page.waitForEvent('download'), t.page.click('[data-testid="rank-chart"] button[data-export="png"]')]);
		const png = fs.readFileSync(await pngDl.path());
		assert(png.subarray(1, 4).toString() === 'PNG' && png.length > 5000, `PNG export looks empty (${png.length} bytes)`);
		await t.screenshot('ranking-chart');
	}
});

tests.push({
	name: 'hand-edited links: every page that reads its URL names what it ignored, in German',
	async run(t) {
		const cases = [
			['/ranking?w=npv:abc', /Gewicht im Link ignoriert: «npv:abc»/],
			['/compare?sites=S1-EICHHOF,%3Cscript%3E', /Standort im Link nicht gefunden: «<script>»/],
			['/data?table=passwd', /Tabelle im Link ignoriert: «passwd»/],
			['/briefing?s=%25%25garbage', /^Das Szenario im Link ist beschädigt oder unvollständig und wurde ignoriert\.$/],
			['/report?date=2026-02-30', /Datum im Link ignoriert/],
			// A 10^9-year horizon in a scenario link would hang the NPV: refused, naming the parameter; the report stands.
			[`/report?s=${Buffer.from(JSON.stringify({ n: 'x', p: { horizonYears: 1e9 }, w: {} })).toString('base64url')}`, /^Das Szenario im Link wurde ignoriert\. Parameter «Betrachtungszeitraum.*» \(horizonYears\): 1000000000 geht nicht; erlaubt: eine Zahl von 1 bis 100\.$/]
		];
		for (const [url, want] of cases) {
			await t.goto(url);
			await t.ready();
			await t.page.waitForSelector('[data-testid="link-problem"]', { timeout: 30_000 });
			const texts = await t.page.locator('[data-testid="link-problem"]').allInnerTexts();
			assert(texts.some((x) => want.test(x.trim())), `${url}: ${texts.join(' | ')}`);
		}
		await t.goto('/compare?sites=S1-EICHHOF,%3Cscript%3E');
		await t.ready();
		await t.page.waitForSelector('[data-testid="link-problem"]', { timeout: 30_000 });
		await t.screenshot('link-problem-compare');
	}
});
