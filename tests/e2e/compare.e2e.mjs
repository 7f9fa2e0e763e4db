import { assert } from './harness.mjs';

export const tests = [
	{
		name: 'compare: the two best sites side by side, a third added, differences shown',
		async run(t) {
			await t.goto('/compare');
			await t.ready();
			await t.page.waitForSelector('[data-testid="compare"] tbody tr[data-row="pt"]', { timeout: 60_000 });
			// Wait for the travel times: the PT row gets numbers.
			await t.page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="compare"] tr[data-row="pt"] td:nth-child(2)')?.textContent ?? ''), null, { timeout: 60_000 });
			let heads = await t.page.locator('[data-testid="compare"] thead th').allInnerTexts();
			assert(heads.length === 4, `expected figure + 2 sites + 1 difference column, got ${heads}`);
			await t.page.check('[data-testid="cmp-S8-SURSEE"]');
			heads = await t.page.locator('[data-testid="compare"] thead th').allInnerTexts();
			assert(heads.length === 6 && heads.some((h) => h.includes('Sursee')), `third site not added: ${heads}`);
			const npv = await t.page.locator('[data-testid="compare"] tr[data-row="npv"] td').allInnerTexts();
			assert(npv.length === 6 && /[+-]?\d/.test(npv[3]), `NPV difference missing: ${npv}`);
			await t.screenshot('compare');
		}
	}
];
