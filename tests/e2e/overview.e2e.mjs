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
				const probe = document.createElement('canvas');
				probe.width = 200;
				probe.height = 150;
				const g = probe.getContext('2d');
				g.drawImage(c, 0, 0, probe.width, probe.height);
				const px = g.getImageData(0, 0, probe.width, probe.height).data;
				const set = new Set();
				for (let i = 0; i < px.length; i += 4) set.add(`${px[i] >> 3},${px[i + 1] >> 3},${px[i + 2] >> 3}`);
				return set.size;
			});
			assert(colours > 8, `map canvas looks blank (${colours} colours)`);
			await t.screenshot('overview-de');
		}
	},
	{
		name: 'DuckDB\'s WebAssembly, the scripts and the default\'s data come compressed (the build\'s brotli copies) and work',
		async run(t) {
			const seen = new Map();
			// A file under 1 KB is sent as it is (scripts/precompress.mjs MIN_BYTES).
			const watch = async (r) => {
				const h = await r.allHeaders();
				seen.set(r.url().split('/').pop(), h['content-encoding'] ?? (Number(h['content-length']) < 1024 ? 'small' : 'none'));
			};
			t.page.on('response', watch);
			await t.goto('/');
			await t.ready(); // DuckDB started from the decoded wasm, the default loaded from the decoded files
			t.page.off('response', watch);
			const enc = (re) => [...seen].filter(([name]) => re.test(name)).map(([, e]) => e);
			for (const [what, re] of [['wasm', /^duckdb-eh\..*\.wasm$/], ['scripts', /\.js$/], ['demo data', /^(staff|customers)\..*\.csv$/], ['snapshot', /^default-snapshot\..*\.bin$/]]) {
				const e = enc(re);
				assert(e.length > 0 && e.some((x) => x !== 'small') && e.every((x) => x === 'br' || x === 'gzip' || x === 'small'), `${what}: content-encoding ${e.join(', ') || 'not requested'}`);
			}
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
