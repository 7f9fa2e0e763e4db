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
			assert(npv.length === 6 && /[+−-]?\d/.test(npv[3]), `NPV difference missing: ${npv}`);
			// One savings story with CHF on every amount: rent freed + synergies = gross; gross − new site = net.
			const val = async (row, col) => {
				const s = await t.page.locator(`[data-testid="compare"] tr[data-row="${row}"] td`).nth(col).innerText();
				assert(s.startsWith('CHF '), `${row}: amount without CHF: ${s}`);
				return Number(/[−-]?\d+(?:\.\d+)?/.exec(s.replace(/[’']/g, ''))[0].replace('−', '-'));
			};
			for (const col of [1, 2]) {
				const [freed, syn, gross, cost, net] = [await val('freed', col), await val('synergy', col), await val('gross', col), await val('annual', col), await val('net', col)];
				assert(Math.abs(freed + syn - gross) <= 0.011 && Math.abs(gross - cost - net) <= 0.011, `savings do not add up: ${[freed, syn, gross, cost, net]}`);
			}
			// Differences are those of the rounded figures shown.
			const pb = await t.page.locator('[data-testid="compare"] tr[data-row="payback"] td').allInnerTexts();
			const n = (s) => Number(s.replace('−', '-').replace(/[^\d.+-]/g, ''));
			assert(Math.abs(n(pb[2]) - n(pb[1]) - n(pb[3])) < 1e-9, `payback difference ${pb[3]} ≠ ${pb[2]} − ${pb[1]}`);
			await t.screenshot('compare');
		}
	}
];
