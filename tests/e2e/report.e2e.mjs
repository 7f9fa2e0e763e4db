import { assert } from './harness.mjs';
import { germanProblems, codeProblems, pdfText as plainText, describe } from './text-check.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const READY = 'article[data-report-ready="true"]';

/** Text of PDF pages first..last (poppler's pdftotext). */
function pdfText(file, first = 1, last = first) {
	return execFileSync('pdftotext', ['-layout', '-f', String(first), '-l', String(last), file, '-'], { encoding: 'utf8' });
}

/** Page count from pdfinfo. */
function pdfPages(file) {
	return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
}

/** Render page 1 to a grey PGM with pdftoppm and return the share of non-white pixels and of dark ones. */
function inkOfFirstPage(file) {
	const prefix = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-png-')), 'p');
	execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '40', '-gray', file, prefix]);
	// Also a PNG for people to look at.
	execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '70', '-png', '-singlefile', file, path.resolve('test-results/screens/report-pdf-page1')]);
	const pgm = fs.readFileSync(fs.readdirSync(path.dirname(prefix)).map((f) => path.join(path.dirname(prefix), f)).find((f) => f.endsWith('.pgm')));
	// P5 header: magic, width, height, maxval, each followed by whitespace.
	const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'));
	const [w, h] = [Number(header[1]), Number(header[2])];
	const px = pgm.subarray(header[0].length, header[0].length + w * h);
	let ink = 0, dark = 0;
	for (const v of px) {
		if (v < 245) ink++;
		if (v < 100) dark++;
	}
	return { ink: ink / px.length, dark: dark / px.length, w, h };
}

export const tests = [
	{
		name: 'report recommends the first-ranked site and prints to a non-blank A4 PDF',
		async run(t) {
			await t.goto('/report?date=2026-11-23');
			await t.ready();
			await t.page.waitForSelector(READY, { timeout: 90_000 });
			const rec = await t.page.locator('[data-testid="recommendation"]').getAttribute('data-site');
			const first = await t.page.locator('[data-testid="report-ranking"] tbody tr').first().getAttribute('data-site');
			assert(rec && first === rec, `recommendation ${rec}, first row ${first}`);
			assert((await t.page.locator('[data-testid="key-figures"] dd').count()) === 9, 'key figures missing');
			const provenance = await t.page.locator('[data-testid="report-provenance"]').innerText();
			assert(/sind Mitarbeitende, Kundschaft, Kennzahlen der Standortkandidaten und Kennzahlen der heutigen Standorte synthetisch \(Zufallsgenerator, Startwert \d+\)/.test(provenance), `provenance: ${provenance}`);
			// PT: the door-to-door journey with the wait and the staff without a PT time beside it; both defined in the method
			const kfPt = await t.page.locator('[data-testid="kf-pt"]').innerText();
			assert(/von Tür zu Tür, dazu Ø [\d,.]+ min Warten/.test(kfPt) && /\d+ ohne ÖV-Zeit \(Autozeit\)/.test(kfPt), `PT key figure: ${kfPt}`);
			const method = await t.page.locator('[data-testid="method-pt"]').innerText();
			assert(method.includes('Ankunft − Abfahrt') && method.includes('T − Ankunft') && method.includes('Conveyal'), `PT method: ${method}`);
			const maps = t.page.locator('[data-testid="report-map"]');
			assert((await maps.count()) === 2, 'expected the staff map and the commute-change map');
			const shaded = Number(await maps.nth(0).getAttribute('data-shaded'));
			assert(shaded > 20, `map shades only ${shaded} municipalities`);
			// The change map shows only municipalities with at least 5 movers (a mean of fewer would describe individuals).
			const changed = Number(await maps.nth(1).getAttribute('data-shaded'));
			assert(changed > 3 && changed < shaded, `change map shades ${changed} municipalities (staff map ${shaded})`);
			for (const g of ['staff', 'customers', 'space', 'money']) assert(await t.page.locator(`[data-testid="criteria-${g}"] table`).count(), `criteria section ${g} missing`);
			assert((await t.page.locator('[data-testid="report-params"] tbody tr').count()) > 20, 'parameter table incomplete');
			// The model's notes on the data are part of the report: for the default, none, and said so.
			const notes = await t.page.locator('[data-testid="report-data-notes"]').innerText();
			assert(/^Keine: Die Prüfungen der Auswertung/.test(notes), `data notes: ${notes}`);
			// Figures of the recommended site: commute distributions, cost bridge and cash flow, leases, tornado; plus contributions and rank probabilities.
			for (const f of ['commute', 'money', 'leases']) assert((await t.page.locator(`article [data-figure="${f}"] svg[role="img"]`).count()) >= 1, `figure ${f} missing`);
			const charts = await t.page.locator('article svg[role="img"]').count();
			assert(charts >= 10, `only ${charts} charts in the report`);
			const id = await t.page.locator(READY).getAttribute('data-scenario-id');
			await t.screenshot('report');

			// The browser's print-to-PDF of this view is what "Print / save as PDF" produces.
			const file = path.resolve('test-results/report.pdf');
			fs.writeFileSync(file, await t.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
			const pages = pdfPages(file);
			// Summary, robustness, 11 criteria tables, money overview, figures, method with every parameter, sources.
			assert(pages >= 4 && pages <= 18, `unexpected page count ${pages}`);
			const p1 = pdfText(file, 1);
			// The summary is one page: recommendation, ranking and the map.
			for (const s of ['Empfehlung', 'Eichhof-West', 'Rangfolge der Standorte', 'Mitarbeitende nach Wohngemeinde', id, '23.11.2026']) assert(p1.includes(s), `page 1 lacks "${s}"`);
			// One savings story on page 1: the net saving, with gross and the new site's cost, the target compared net.
			const kfNet = await t.page.locator('[data-testid="kf-net"]').innerText();
			assert(/^CHF [\d.]+ Mio\.\s+Mio\. CHF: brutto [\d.]+ \(Mieten [\d.]+ \+ Synergien [\d.]+\) − neuer Standort [\d.]+/.test(kfNet), `net saving key figure: ${kfNet}`);
			assert((await t.page.locator('[data-testid="kf-target"]').getAttribute('data-met')) === 'false', 'target "met" although no site reaches it net');
			const flat = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
			assert(flat.includes('Nettoeinsparung pro Jahr') && flat.includes('Sparziel CHF 4.80 Mio. pro Jahr (netto): nicht erreicht'), 'page 1 lacks the net saving against the target');
			const last = pdfText(file, pages);
			assert(/Datenquellen und Stand/.test(pdfText(file, 2, pages)) && last.includes(id), 'sources section or footer missing');
			const ink = inkOfFirstPage(file);
			assert(ink.ink > 0.05 && ink.dark > 0.002, `page 1 looks blank: ${JSON.stringify(ink)}`);
			// The German report reads German throughout: no English words or units, codes, file names, ISO dates, raw numbers.
			const problems = germanProblems(plainText(file));
			assert(problems.length === 0, `German PDF:\n      ${describe(problems)}`);
			// Every page as an image for people to look at.
			execFileSync('pdftoppm', ['-r', '60', '-png', file, path.resolve('test-results/screens/report-pdf')]);

			// The print button hands over to the browser's print dialog.
			await t.page.evaluate(() => (window.print = () => (window.__printed = true)));
			await t.page.click('[data-testid="report-print"]');
			assert(await t.page.evaluate(() => window.__printed === true), 'print button did not call window.print');
		}
	},
	{
		name: 'report exports all tables as XLSX with small counts suppressed',
		async run(t) {
			await t.goto('/report');
			await t.ready();
			await t.page.waitForSelector(READY, { timeout: 90_000 });
			const [dl] = await Promise.all([t.page.waitForEvent('download'), t.page.click('[data-testid="report-xlsx"]')]);
			const { default: ExcelJS } = await import('exceljs');
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.readFile(await dl.path());
			const names = wb.worksheets.map((w) => w.name);
			assert(names.length === 3, `sheets: ${names}`);
			const ranking = wb.worksheets[0];
			const ranked = await t.page.locator('[data-testid="report-ranking"] tbody tr').count();
			assert(ranking.rowCount === ranked + 1, `ranking sheet has ${ranking.rowCount - 1} rows, report ${ranked}`);
			const first = await t.page.locator('[data-testid="report-ranking"] tbody tr').first().getAttribute('data-site');
			assert(ranking.getRow(2).getCell(2).value === first, `ranking sheet first site ${ranking.getRow(2).getCell(2).value}, report ${first}`);
			const crit = wb.worksheets[1];
			const header = crit.getRow(1).values;
			const col = header.indexOf('Wert (Personen)');
			assert(col > 0, `criteria sheet lacks the person-count column: ${header}`);
			for (let r = 2; r <= crit.rowCount; r++) {
				const v = crit.getRow(r).getCell(col).value;
				assert(!(typeof v === 'number' && v > 0 && v < 5), `unsuppressed small count ${v} in row ${r}`);
			}
			assert(crit.rowCount - 1 === 11 * 8, `criteria sheet rows: ${crit.rowCount - 1}`); // 11 criteria (3 from the reach raster, 1 PT wait; money once, as NPV) × 8 sites
			assert(wb.worksheets[2].rowCount > 20, 'parameter sheet incomplete');
		}
	},
	{
		name: 'report link from the assessment carries the weights; English report',
		async run(t) {
			await t.goto('/ranking?w=staff_pt_mean:0,staff_car_mean:0,staff_losers:0,customer_access:50,co2:0,capacity_reserve:0,npv:0');
			await t.ready();
			await t.page.waitForSelector('[data-testid="ranking"][data-travel-rows]:not([data-travel-rows="0"]) tbody tr', { timeout: 60_000 });
			const first = await t.page.locator('[data-testid="ranking"] tbody tr').first().getAttribute('data-site');
			const id = await t.page.locator('[data-testid="scenario-id"]').innerText();
			await t.page.click('[data-testid="report-link"]');
			await t.page.waitForSelector(READY, { timeout: 90_000 });
			const rec = await t.page.locator('[data-testid="recommendation"]').getAttribute('data-site');
			assert(rec === first, `report recommends ${rec}, assessment ranks ${first} first`);
			const rid = await t.page.locator(READY).getAttribute('data-scenario-id');
			assert(rid === id, `report scenario ${rid} ≠ assessment scenario ${id}`);
			await t.goto(`${new URL(t.page.url()).pathname}${new URL(t.page.url()).search}&lang=en`);
			await t.page.waitForSelector(READY, { timeout: 90_000 });
			assert((await t.page.locator('h2').first().innerText()) === 'Recommendation', 'English report heading');
			await t.screenshot('report-en');
			// The English report cites publications, not internal files or codes.
			const en = path.resolve('test-results/report-en.pdf');
			fs.writeFileSync(en, await t.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
			const codes = codeProblems(plainText(en));
			assert(codes.length === 0, `English PDF:\n      ${describe(codes)}`);
		}
	},
	{
		name: 'CLI report renders the same view to PDF for a scenario file',
		async run() {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-report-'));
			const scenario = path.join(dir, 'scenario.json');
			// An older scenario file still names the retired money criteria: their weight moves to the NPV (0 here).
			const weights = { staff_pt_mean: 0, staff_car_mean: 0, staff_losers: 0, customer_access: 0, co2: 0, capacity_reserve: 50, annual_cost: 0, one_off: 0, npv: 0 };
			fs.writeFileSync(scenario, JSON.stringify({ format: 'standortwahl-scenario', version: 1, name: 'Nur Reserve', params: {}, weights }));
			const out = path.join(dir, 'bericht.pdf');
			const log = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'report', '--scenario', scenario, '--out', out, '--date', '2026-11-23'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
			const id = /scenario ([0-9a-f]{16})/.exec(log)?.[1];
			assert(id, `CLI printed no scenario id: ${log}`);
			const p1 = pdfText(out, 1);
			// With only the capacity reserve weighted, Eichhof-West (700 places) leads.
			assert(/Eichhof-West erreicht mit 100[.,]0 von 100 Punkten/.test(p1.replace(/\s+/g, ' ')), `CLI report page 1: ${p1.slice(0, 600)}`);
			assert(p1.includes('Nur Reserve') && p1.includes(id), 'scenario name or id missing on page 1');
			assert(inkOfFirstPage(out).ink > 0.05, 'CLI PDF page 1 blank');
		}
	}
];
