import { assert } from './harness.mjs';
import fs from 'node:fs';

/**
 * One full working session with personal data: import staff, compute, assess, export every format,
 * save and reload a scenario, print the report. The harness already fails on any request to another
 * origin; here we also require that nothing is sent at all (only GETs of the app's own files), that
 * no personal value appears in a request, the console or an export, and that small counts are suppressed.
 */
const MARK = 'GEHEIM';
// 12 persons with marked ids, living in Luzern, Emmen, Sursee, Willisau (LV95) and working at today's offices.
const homes = [
	[2666200, 1211200], [2666900, 1215900], [2650900, 1224400], [2641500, 1218600],
	[2664800, 1210100], [2667500, 1213900], [2651600, 1225000], [2666000, 1212000],
	[2665200, 1209400], [2663900, 1214500], [2650200, 1223700], [2669100, 1212800]
];
const offices = ['IV-LAND35', 'AK-WUERZ8', 'WIRA-BUERG12'];
const staffCsv =
	'person_id;unit;fte;office_id;E;N\n' +
	homes.map(([e, n], i) => `${MARK}-${String(i + 1).padStart(4, '0')};${['IV', 'AK', 'WIRA'][i % 3]};1;${offices[i % 3]};${e};${n}`).join('\n') +
	'\n';

export const tests = [
	{
		name: 'full session with personal data: nothing leaves the browser, exports aggregate and suppress',
		async run(t) {
			const sent = [];
			t.page.on('request', (r) => {
				if (r.method() !== 'GET' || r.postData()) sent.push(`${r.method()} ${r.url()}`);
			});
			const logs = [];
			t.page.on('console', (m) => logs.push(m.text()));

			// Import.
			await t.goto('/data');
			await t.ready();
			await t.page.setInputFiles('[data-testid="import-file"]', { name: 'staff_geheim.csv', mimeType: 'text/csv', buffer: Buffer.from(staffCsv, 'utf8') });
			await t.page.waitForSelector('[data-testid="import-stats"]');
			await t.page.click('[data-testid="import-commit"]');
			await t.page.waitForSelector('[data-testid="import-message"][data-kept="kept"]');

			// Compute: the travel-time matrix again, then the assessment.
			await t.goto('/reach');
			await t.ready();
			await t.page.waitForSelector('[data-testid="matrix-rows"]:not([data-rows="0"])', { timeout: 60_000 });
			await t.page.getByRole('button', { name: /Reisezeiten neu berechnen|Recompute/ }).click();
			// The button gives way to a progress bar while computing and comes back when done.
			await t.page.getByRole('button', { name: /Reisezeiten neu berechnen|Recompute/ }).waitFor({ timeout: 60_000 });
			await t.goto('/ranking');
			await t.ready();
			await t.page.waitForSelector('[data-testid="ranking"][data-travel-rows]:not([data-travel-rows="0"]) tbody tr', { timeout: 60_000 });

			// Exports: CSV, XLSX, scenario JSON; then load the scenario back after changing a weight.
			const files = [];
			const grab = async (selector) => {
				const [dl] = await Promise.all([t.page.waitForEvent('download'), t.page.click(selector)]);
				const buf = fs.readFileSync(await dl.path());
				files.push({ name: dl.suggestedFilename(), buf });
				return buf;
			};
			const csv = (await grab('[data-testid="export-csv"]')).toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
			const losersCol = csv[0].split(';').indexOf('Längerer Weg');
			assert(losersCol > 0, `no losers column: ${csv[0]}`);
			const losers = csv.slice(1).map((line) => line.split(';')[losersCol]);
			assert(losers.every((v) => v === '<5' || v === '0' || v === '' || Number(v) >= 5), `losers count not suppressed: ${losers}`);
			// With 12 persons some sites have 1–4 losers: the suppression is exercised, not just allowed.
			assert(losers.includes('<5'), `no suppressed count among ${losers}`);
			await grab('[data-testid="export-xlsx"]');
			const id = await t.page.locator('[data-testid="scenario-id"]').innerText();
			const json = await grab('[data-testid="scenario-download"]');
			await t.page.locator('[data-testid="weight-npv"]').fill('0');
			await t.page.waitForFunction((old) => document.querySelector('[data-testid="scenario-id"]')?.textContent !== old, id);
			await t.page.setInputFiles('[data-testid="scenario-upload"]', { name: 'scenario.json', mimeType: 'application/json', buffer: json });
			await t.page.waitForFunction((want) => document.querySelector('[data-testid="scenario-id"]')?.textContent === want, id, { timeout: 10_000 });
			assert((await t.page.locator('[data-testid="weight-npv"]').inputValue()) !== '0', 'scenario upload did not restore the weights');

			// Report: XLSX and the printed PDF.
			await t.page.click('[data-testid="report-link"]');
			await t.page.waitForSelector('article[data-report-ready="true"]', { timeout: 90_000 });
			await grab('[data-testid="report-xlsx"]');
			files.push({ name: 'report.pdf', buf: await t.page.pdf({ format: 'A4', printBackground: true }) });
			await t.screenshot('session-report');

			assert(sent.length === 0, `the app sent data: ${sent.slice(0, 5).join(', ')}`);
			assert(!t.requests.some((u) => u.includes(MARK)), 'a request URL carries a personal id');
			assert(!logs.some((l) => l.includes(MARK) || /26662\d\d|12112\d\d/.test(l)), `personal data in the console: ${logs.filter((l) => l.includes(MARK)).slice(0, 2)}`);
			assert(files.length === 5, `exports: ${files.map((f) => f.name)}`);
			// XLSX are zips (deflated), so check their unzipped XML too.
			const { unzipSync, strFromU8 } = await import('fflate');
			for (const f of files) {
				const texts = f.name.endsWith('.xlsx') ? Object.values(unzipSync(new Uint8Array(f.buf))).map((b) => strFromU8(b)) : [f.buf.toString('latin1')];
				assert(!texts.some((x) => x.includes(MARK)), `${f.name} contains a personal id`);
			}
		}
	}
];
