import { assert } from './harness.mjs';

export const tests = [
	{
		name: 'default Lucerne scenario loads with map and data table',
		async run(t) {
			await t.goto('/');
			await t.ready();
			await t.page.waitForSelector('[data-map-ready="true"] canvas', { timeout: 30_000 });
			await t.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-table"] tbody tr').length > 10);
			const staff = await t.page.locator('[data-testid="kpis"] li').first().locator('strong').innerText();
			assert(Number(staff.replace(/\D/g, '')) >= 500, `staff KPI is ${staff}`);
			assert(await t.page.locator('[data-testid="synthetic-banner"]').isVisible(), 'synthetic data banner missing');
			// The canvas must have drawn something: sample its pixels for more than one colour.
			const colours = await t.page.evaluate(() => {
				const c = document.querySelector('[data-map-ready="true"] canvas');
				const gl = c.getContext('webgl2') ?? c.getContext('webgl');
				const px = new Uint8Array(4 * 64 * 64);
				gl.readPixels(Math.floor(c.width / 2) - 32, Math.floor(c.height / 2) - 32, 64, 64, gl.RGBA, gl.UNSIGNED_BYTE, px);
				const set = new Set();
				for (let i = 0; i < px.length; i += 4) set.add(`${px[i]},${px[i + 1]},${px[i + 2]}`);
				return set.size;
			});
			assert(colours > 3, `map canvas looks blank (${colours} colours)`);
			await t.screenshot('overview-de');
		}
	},
	{
		name: 'language switch to English',
		async run(t) {
			await t.goto('/');
			await t.ready();
			await t.page.selectOption('header select', 'en');
			await t.page.waitForSelector('h1:has-text("Overview")');
			assert((await t.page.locator('html').getAttribute('lang')) === 'en', 'html lang not switched');
		}
	}
];
