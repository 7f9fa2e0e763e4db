/**
 * A large matrix on two reach workers (issue 15): 24,000 customers in as many 100 m cells make the app split
 * the matrix by origins over a second reach worker that takes a copy of the first one's networks
 * (src/lib/ui/reach.svelte.ts, app/travel-times.ts matrixInParts). The figures must be those of one engine:
 * the ranking's scores and customer minutes per site equal the CLI's (`score --compute-times`, the same
 * tables and approximate networks, computed in one process), to the 0.1 the page shows.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert } from './harness.mjs';

/** 160 × 150 customers ~250 m apart over the Lucerne region: 24,000 distinct home cells. */
function gridCustomers() {
	const rows = ['customer_id,group,count,visits_per_year,lon,lat'];
	let i = 0;
	for (let a = 0; a < 160; a++)
		for (let b = 0; b < 150; b++, i++) rows.push(`G${i},${['insured', 'employer', 'jobseeker'][i % 3]},1,${(i % 12) / 2},${(7.95 + a * 0.0031).toFixed(5)},${(46.85 + b * 0.0027).toFixed(5)}`);
	return rows.join('\n') + '\n';
}

const fmt1 = (x) => x.toFixed(1);
/** "35.7" from the page's de-CH number ("1'234.5" → 1234.5). */
const num = (s) => Number(s.replace(/[’'\s]/g, '').match(/-?[\d.]+/)?.[0]);

export const tests = [
	{
		name: '24,000 customer cells: the matrix runs on two reach workers and gives the figures of one engine (the CLI)',
		async run(t) {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-split-'));
			try {
				const csv = path.join(dir, 'customers.csv');
				fs.writeFileSync(csv, gridCustomers());
				// The reference: the same tables in one Node process (the CLI's in-process engine, one part).
				for (const f of fs.readdirSync('data/demo')) if (f !== 'customers.csv') fs.copyFileSync(path.join('data/demo', f), path.join(dir, f));
				const cli = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'score', dir, '--compute-times', '--no-raster', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 }));

				await t.goto('/data?table=customers');
				await t.ready();
				await t.page.setInputFiles('[data-testid="import-file"]', csv);
				await t.page.waitForSelector('[data-testid="import-stats"]', { timeout: 120_000 });
				await t.page.click('[data-testid="import-commit"]');
				await t.page.waitForSelector('[data-testid="import-message"].ok', { timeout: 60_000 });

				await t.goto('/reach');
				const matrix = t.page.locator('[data-testid="matrix-rows"]');
				// The time is set with the result; the row count is the page's own query after it (a moment later).
				await t.page.waitForSelector('[data-testid="matrix-rows"][data-ms]:not([data-ms=""]):not([data-rows="0"])', { timeout: 180_000 });
				assert((await matrix.getAttribute('data-workers')) === '2', `the matrix ran on ${await matrix.getAttribute('data-workers')} worker(s)`);
				const rows = Number(await matrix.getAttribute('data-rows'));
				assert(rows === cli.travelTimeRows, `travel times: ${rows} rows in the browser, ${cli.travelTimeRows} in the CLI`);
				assert(/2 Rechenkerne/.test(await matrix.innerText()), `the page does not say the matrix was split: ${await matrix.innerText()}`);
				await t.screenshot('matrix-split-reach');

				await t.goto('/ranking');
				await t.page.waitForSelector(`[data-testid="ranking"][data-early="false"][data-travel-rows="${rows}"] tbody tr[data-site]`, { timeout: 120_000 });
				const shown = await t.page.locator('[data-testid="ranking"] tbody tr[data-site]').evaluateAll((trs) =>
					trs.map((tr) => ({ site: tr.dataset.site, score: tr.querySelector('.score')?.textContent ?? '', customers: tr.querySelectorAll('td')[5]?.textContent ?? '' }))
				);
				const bySite = new Map(cli.criteria.map((c) => [c.site_id, c]));
				const scores = new Map(cli.score.ranking.map((r) => [r.site_id, r.score]));
				assert(shown.length === scores.size && shown.length >= 5, `${shown.length} sites ranked in the browser, ${scores.size} in the CLI`);
				for (const s of shown) {
					const c = bySite.get(s.site);
					assert(c?.customers, `site ${s.site}: no customer criterion in the CLI`);
					assert(fmt1(num(s.customers)) === fmt1(c.customers.all.meanMinutes), `site ${s.site}: customers ${s.customers} min in the browser, ${fmt1(c.customers.all.meanMinutes)} in the CLI`);
					assert(fmt1(num(s.score)) === fmt1(scores.get(s.site)), `site ${s.site}: score ${s.score} in the browser, ${fmt1(scores.get(s.site))} in the CLI`);
				}
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
	}
];
