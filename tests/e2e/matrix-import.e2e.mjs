// Travel-time matrices computed by an established engine (issue 6.6): a Conveyal regional-analysis
// "times" CSV and a file without a mode column go through the data page with one mode for all rows,
// and the ranking then uses the imported matrix.
import fs from 'node:fs';
import { assert } from './harness.mjs';

const conveyal = fs.readFileSync('tests/fixtures/matrices/conveyal_regional_times.csv');

async function upload(t, name, buffer) {
	await t.page.setInputFiles('[data-testid="import-file"]', { name, mimeType: 'text/csv', buffer });
}

export const tests = [
	{
		name: 'Conveyal times CSV: format named, mode chosen by keyboard, dropped pairs reported, ranking uses the matrix after reload',
		async run(t) {
			await t.goto('/data?table=travel_times');
			await t.ready();
			await upload(t, 'conveyal_regional_times.csv', conveyal);
			await t.page.waitForSelector('[data-testid="matrix-format"][data-format="conveyal"]');
			const fmt = await t.page.locator('[data-testid="matrix-format"]').innerText();
			assert(/Conveyal/.test(fmt), `format line does not name Conveyal: ${fmt}`);
			// Nothing is checked or staged before the mode is chosen.
			assert((await t.page.locator('[data-testid="import-stats"]').count()) === 0, 'rows were validated before a mode was chosen');
			assert(await t.page.locator('[data-testid="import-commit"]').count() === 0, 'commit offered before a mode was chosen');
			const legend = await t.page.locator('[data-testid="matrix-mode"] legend').innerText();
			assert(legend === 'Verkehrsmittel aller Zeilen', `legend: ${legend}`);
			await t.screenshot('matrix-import-choose-mode');

			// Keyboard: Tab onto the radio group, Space picks ÖV, an arrow key moves to Auto and back.
			await t.page.focus('[data-testid="matrix-mode"] input[value="pt"]');
			await t.page.keyboard.press('Space');
			await t.page.waitForSelector('[data-testid="import-stats"]');
			await t.page.keyboard.press('ArrowRight');
			await t.page.waitForFunction(() => document.querySelector('[data-testid="import-preview"] tbody td:nth-child(4)')?.textContent === 'car');
			await t.page.keyboard.press('ArrowLeft');
			await t.page.waitForFunction(() => document.querySelector('[data-testid="import-preview"] tbody td:nth-child(4)')?.textContent === 'pt');
			assert(await t.page.locator('[data-testid="matrix-mode"] input[value="pt"]').isChecked(), 'ÖV not checked');
			await t.page.waitForSelector('[data-testid="import-stats"]');
			const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
			assert(/^4 Zeilen · 0 Fehler/.test(stats), `unexpected stats: ${stats}`);
			const notes = await t.page.locator('[data-testid="matrix-notes"]').innerText();
			assert(/1 Paar nicht erreicht/.test(notes), `no dropped-pairs message: ${notes}`);
			const preview = await t.page.locator('[data-testid="import-preview"] tbody tr').allInnerTexts();
			assert(preview.length === 4 && preview.every((r) => /\tpt\t/.test(r) && /conveyal/.test(r)), `preview: ${preview.join(' | ')}`);
			await t.screenshot('matrix-import-conveyal');

			await t.page.click('[data-testid="import-commit"]');
			await t.page.waitForSelector('[data-testid="import-message"][data-kept="kept"]:has-text("4 Zeilen")');
			const sources = await t.page.locator('[data-testid="table-sources"]').innerText();
			assert(/Reisezeiten: eigene Daten/.test(sources), `travel_times not marked as the user's: ${sources}`);
			// Where the data is fixed, the page says what the tables lack together (the matrix reaches 2 of 8 sites).
			await t.page.waitForSelector('[data-testid="data-notes"] li:has-text("6 Standorte kommen in travel_times nicht vor")', { timeout: 60_000 });
			await t.screenshot('matrix-import-data-notes');

			await t.goto('/ranking');
			await t.ready();
			await t.page.waitForSelector('[data-testid="ranking"][data-travel-rows="4"] tbody tr', { timeout: 60_000 });
			// The matrix reaches two of the eight sites and none of the offices: the page says so, naming them.
			const rankNotes = (await t.page.locator('p.warn[role="note"]').allInnerTexts()).join(' | ');
			assert(/6 Standorte kommen in travel_times nicht vor: «[^»]+» \(site_id «S2-SEETAL»\)/.test(rankNotes), `no note on the sites the matrix misses: ${rankNotes}`);
			assert(/9 Arbeitsorte kommen in travel_times nicht vor/.test(rankNotes), `no note on the offices the matrix misses: ${rankNotes}`);
			await t.screenshot('matrix-import-ranking-notes');
			// The imported matrix is persisted: a reload still ranks with its 4 rows, not a recomputed one.
			await t.page.reload({ waitUntil: 'domcontentloaded' });
			await t.ready();
			await t.page.waitForSelector('[data-testid="ranking"][data-travel-rows="4"] tbody tr', { timeout: 60_000 });
			await t.page.waitForTimeout(1500);
			const n = await t.page.locator('[data-testid="ranking"]').getAttribute('data-travel-rows');
			assert(n === '4', `ranking uses ${n} travel-time rows after reload`);
			// The committee report carries the same notes on the data.
			await t.goto('/report');
			await t.page.waitForSelector('article[data-report-ready="true"]', { timeout: 120_000 });
			const reportNotes = await t.page.locator('[data-testid="report-data-notes"] li').allInnerTexts();
			assert(reportNotes.some((x) => /^6 Standorte kommen in der Reisezeit-Matrix nicht vor/.test(x)), `report data notes: ${reportNotes.join(' | ')}`);
		}
	},
	{
		name: 'own columns without mode: the control offers a constant mode; an engine file with a bad value names row and column',
		async run(t) {
			await t.goto('/data?table=travel_times');
			await t.ready();
			await upload(t, 'own.csv', Buffer.from('origin_zone,destination_id,minutes_p50\n1061,S1-EICHHOF,12\n1059,S1-EICHHOF,7\n'));
			await t.page.waitForSelector('[data-testid="matrix-format"][data-format=""]');
			await t.page.waitForSelector('[data-testid="import-stats"]');
			assert(await t.page.locator('[data-testid="import-commit"]').isDisabled(), 'commit must wait for a mode');
			await t.page.getByLabel('Auto', { exact: true }).check();
			await t.page.waitForFunction(() => document.querySelector('[data-testid="import-stats"]')?.textContent?.includes('2 Zeilen · 0 Fehler'));
			const preview = await t.page.locator('[data-testid="import-preview"] tbody tr').allInnerTexts();
			assert(preview.every((r) => /\tcar\t/.test(r)), `mode not applied: ${preview.join(' | ')}`);

			// An r5r matrix with a text in travel_time_p50 (file row 3): the issue names the r5r column and row.
			await upload(t, 'r5r.csv', Buffer.from('from_id,to_id,travel_time_p50\n1061,S1-EICHHOF,17\n1059,S1-EICHHOF,zehn\n'));
			await t.page.waitForSelector('[data-testid="matrix-format"][data-format="r5r"]');
			await t.page.getByLabel('ÖV', { exact: true }).check();
			await t.page.waitForSelector('[data-testid="import-issues"]');
			const issues = await t.page.locator('[data-testid="import-issues"] tbody tr').allInnerTexts();
			assert(issues.some((r) => /r5r\.csv\t3\ttravel_time_p50\t/.test(r)), `issue not located: ${issues.join(' | ')}`);
			assert(await t.page.locator('[data-testid="import-commit"]').isDisabled(), 'commit must be disabled with errors');
		}
	}
];
