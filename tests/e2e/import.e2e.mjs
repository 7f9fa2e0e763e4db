import { readFileSync } from 'node:fs';
import { assert } from './harness.mjs';

// Semicolon-separated, German headers, LV95 coordinates (Luzern station 2666200/1211200 area, Sursee).
const goodStaff = `Personal_Nr;Einheit;Pensum;Arbeitsort;E;N
P1;IV;1,0;IV-LAND35;2665950;1211200
P2;AK;0,8;AK-WUERZ8;2651200;1224600
P3;wira;0,5;WIRA-BUERG12;2666800;1212700
`;
// Row 3 (file row) has text in the FTE column; row 4 has a point far outside Switzerland.
const badStaff = `person_id,unit,fte,office_id,lon,lat
B1,IV,1,IV-LAND35,8.30,47.05
B2,AK,viel,AK-WUERZ8,8.31,47.06
B3,AK,1,AK-WUERZ8,2.35,48.85
`;

// An HR export as it comes: qualified German headers, Pensum in percent.
const hrStaff = `Personalnummer;OE;Beschäftigungsgrad in %;Arbeitsort;Wohnort PLZ
P1;IV;80;IV-LAND35;6003
P2;AK;100 %;AK-WUERZ8;6010
`;

// Customer counts per municipality name, in German words.
const customersByName = `Gemeinde;Kundengruppe;Anzahl;Besuche pro Jahr
Stadt Luzern;Versicherte;300;1.5
Kriens;Arbeitgebende;120;2
Emmen;Stellensuchende;80;12
`;

/** The import statistics' words agree with their numbers («1 Zeile», «2 Zeilen», «1 Warnung»). */
function assertStatsGrammar(stats) {
	const m = /^([\d'’]+) (Zeilen?) · ([\d'’]+) Fehler · ([\d'’]+) (Warnung(?:en)?)$/.exec(stats.trim());
	assert(m && (m[1] === '1') === (m[2] === 'Zeile') && (m[4] === '1') === (m[5] === 'Warnung'), `statistics: ${stats}`);
}

/** Drop a file on the data page's input: text as UTF-8, or bytes as they are (another encoding, a workbook, a PDF). */
async function upload(t, name, content) {
	await t.page.setInputFiles('[data-testid="import-file"]', { name, mimeType: 'text/csv', buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content });
}

export const tests = [
	{
		name: 'bad file: precise messages, nothing committed, previous data intact',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await upload(t, 'staff_bad.csv', badStaff);
			await t.page.waitForSelector('[data-testid="import-issues"]');
			const rows = await t.page.locator('[data-testid="import-issues"] tbody tr').allInnerTexts();
			const fte = rows.find((r) => r.includes('fte') && r.includes('staff_bad.csv'));
			assert(fte && /\b3\b/.test(fte), `no message for row 3 column fte: ${rows.join(' | ')}`);
			const outside = rows.find((r) => /\b4\b/.test(r) && /Schweiz|Switzerland/i.test(r));
			assert(outside, `no message for the point outside Switzerland: ${rows.join(' | ')}`);
			assert(await t.page.locator('[data-testid="import-commit"]').isDisabled(), 'commit must be disabled with errors');
			await t.screenshot('import-bad-file');
			await t.goto('/');
			await t.ready();
			await t.page.waitForFunction(() => document.querySelector('[data-testid="kpis"] strong')?.textContent?.replace(/\D/g, '') === '570');
		}
	},
	{
		name: 'the import worker does not load: a German message instead of a spinner for ever, nothing changed',
		async run(t) {
			await t.page.route('**/import-worker-*.js', (r) => r.abort());
			await t.goto('/data');
			await t.ready();
			await upload(t, 'staff_good.csv', goodStaff);
			await t.page.waitForFunction(() => /Hintergrund-Prozess der App ist nicht gestartet/.test(document.querySelector('main')?.textContent ?? ''), null, { timeout: 20_000 });
			assert(!(await t.page.locator('[data-testid="progress"]').count()), 'a progress bar still runs');
			assert(!/did not start/.test(await t.page.locator('main').innerText()), 'the message is in English');
			await t.goto('/');
			await t.ready();
			await t.page.waitForFunction(() => document.querySelector('[data-testid="kpis"] strong')?.textContent?.replace(/\D/g, '') === '570');
		}
	},
	{
		name: 'HR export: qualified headers mapped, Pensum in percent read as FTE with a note, ready to commit',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await upload(t, 'hr_export.csv', hrStaff);
			await t.page.waitForSelector('[data-testid="import-stats"]');
			const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
			assert(/2 Zeilen · 0 Fehler/.test(stats), `unexpected stats: ${stats}`);
			assertStatsGrammar(stats);
			const preview = await t.page.locator('[data-testid="import-preview"] tbody tr').allInnerTexts();
			assert(/\b0[.,]8\b/.test(preview[0]) && /\b1\b/.test(preview[1]), `Pensum not read as FTE: ${preview.join(' | ')}`);
			const issues = await t.page.locator('[data-testid="import-issues"] tbody tr').allInnerTexts();
			assert(issues.some((r) => /Beschäftigungsgrad in %/.test(r) && /in Prozent/.test(r)), `no percent note: ${issues.join(' | ')}`);
			assert(!(await t.page.locator('[data-testid="import-commit"]').isDisabled()), 'commit disabled for a file without errors');
			await t.screenshot('import-hr-export');
			// One row: «1 Zeile», not «1 Zeilen».
			await upload(t, 'hr_eine_person.csv', hrStaff.split('\n').slice(0, 2).join('\n') + '\n');
			await t.page.waitForFunction(() => /^1 Zeile ·/.test(document.querySelector('[data-testid="import-stats"]')?.textContent?.trim() ?? ''));
			assertStatsGrammar(await t.page.locator('[data-testid="import-stats"]').innerText());
		}
	},
	{
		name: 'an Excel workbook saved as .csv is read as a workbook with a warning; a PDF named .csv is refused by name',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await t.page.selectOption('[data-testid="import-table"]', 'offices');
			const xlsx = readFileSync('tests/fixtures/import/good/offices.xlsx');
			await upload(t, 'Bueros.csv', xlsx);
			await t.page.waitForSelector('[data-testid="import-stats"]');
			const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
			assert(/2 Zeilen · 0 Fehler/.test(stats), `unexpected stats: ${stats}`);
			const issues = await t.page.locator('[data-testid="import-issues"] tbody tr').allInnerTexts();
			assert(issues.some((r) => /endet auf «\.csv»/.test(r) && /Excel-Arbeitsmappe/.test(r)), `no note on the name: ${issues.join(' | ')}`);
			await t.screenshot('import-misnamed-workbook');
			await upload(t, 'Standorte.csv', Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<< >>\nendobj\n', 'latin1'));
			await t.page.waitForFunction(() => /PDF-Dokument, keine Tabelle/.test(document.querySelector('main')?.textContent ?? ''), null, { timeout: 20_000 });
			await t.screenshot('import-pdf-refused');
		}
	},
	{
		name: 'customers per municipality name with German group words: placed at the municipalities, no errors',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await t.page.selectOption('[data-testid="import-table"]', 'customers');
			await upload(t, 'kunden_gemeinden.csv', customersByName);
			await t.page.waitForSelector('[data-testid="import-stats"]');
			const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
			assert(/3 Zeilen · 0 Fehler/.test(stats), `unexpected stats: ${stats}`);
			const preview = await t.page.locator('[data-testid="import-preview"] tbody tr').allInnerTexts();
			assert(/insured/.test(preview[0]) && /1061/.test(preview[0]) && /employer/.test(preview[1]) && /1059/.test(preview[1]) && /jobseeker/.test(preview[2]) && /1024/.test(preview[2]), `preview: ${preview.join(' | ')}`);
		}
	},
	{
		name: 'candidate sites with their points in one «Koordinaten» column (map.geo.admin.ch, a web map, degrees, WKT): mapped, located, ranked',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await t.page.selectOption('[data-testid="import-table"]', 'sites');
			await upload(t, 'standorte.csv', readFileSync(new URL('../fixtures/import/good/sites_koordinaten.csv', import.meta.url), 'utf8'));
			await t.page.waitForSelector('[data-testid="import-stats"]');
			const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
			assert(/4 Zeilen · 0 Fehler/.test(stats), `unexpected stats: ${stats}`);
			assert((await t.page.locator('[data-testid="mapping"] select[aria-label="coordinates"]').inputValue()) === 'Koordinaten', 'Koordinaten not mapped to coordinates');
			const detected = await t.page.locator('main').innerText();
			assert(/Koordinatensystem: WGS84 ·|Koordinatensystem: WGS84\s/.test(detected) && !/wgs84/.test(detected), `the system is shown as a code: ${detected.slice(0, 400)}`);
			const preview = await t.page.locator('[data-testid="import-preview"] tbody tr').allInnerTexts();
			assert(/1059/.test(preview[0]) && /1024/.test(preview[1]) && /1058/.test(preview[2]) && /1061/.test(preview[3]), `sites not placed in Kriens, Emmen, Horw, Luzern: ${preview.join(' | ')}`);
			await t.page.click('[data-testid="import-commit"]');
			await t.page.waitForSelector('[data-testid="import-message"][data-kept="kept"]:has-text("4 Zeilen")');
			await t.goto('/ranking');
			await t.ready();
			// While the new sites' travel times are computed, the page says so instead of "travel_times is empty".
			const seen = await t.page.waitForFunction(() => {
				const coming = document.querySelector('[data-testid="times-coming"]');
				// Rank probabilities of a ranking about to change: the robustness table, the ranking's last column P(Rang 1).
				const p1 = [...document.querySelectorAll('[data-testid="ranking"] tbody tr')].some((r) => /%/.test(r.lastElementChild?.textContent ?? ''));
				if (coming && (p1 || document.querySelector('[data-testid="rank-probabilities"]'))) return 'probabilities';
				if (coming) return /travel_times ist leer/.test(document.querySelector('main')?.textContent ?? '') ? 'both' : 'coming';
				return document.querySelector('[data-testid="ranking"]:not([data-travel-rows="0"])') ? 'done' : false;
			}, null, { timeout: 60_000, polling: 50 });
			const state = await seen.jsonValue();
			assert(state !== 'both', 'the empty-table warning is shown while the travel times are computed');
			assert(state !== 'probabilities', 'rank probabilities of the partial score are shown while the travel times are computed');
			if (state === 'coming') {
				// The criteria waiting for them are said to be waiting, not missing.
				assert(await t.page.locator('[data-testid="skipped-coming"]').count(), 'the not-scored list does not say the travel times are coming');
				assert(await t.page.locator('[data-testid="robust-coming"]').count(), 'the robustness section does not say it follows with the travel times');
				await t.screenshot('import-sites-times-coming');
			}
			// Once the browser has computed the new sites' travel times, the ranking holds the four.
			await t.page.waitForSelector('[data-testid="ranking"][data-travel-rows]:not([data-travel-rows="0"]) tbody tr', { timeout: 90_000 });
			await t.page.waitForFunction(() => document.querySelectorAll('[data-testid="ranking"] tbody tr').length === 4, null, { timeout: 60_000 });
			const sites = await t.page.locator('[data-testid="ranking"] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.site).sort());
			assert(JSON.stringify(sites) === '["K-01","K-02","K-03","K-04"]', `ranking: ${sites}`);
			await t.screenshot('import-sites-koordinaten');
			// The provenance follows the tables: the own sites are no longer called synthetic, the rest still is.
			const banner = await t.page.locator('[data-testid="synthetic-banner"]').innerText();
			assert(/^Teils Demo-Daten: Mitarbeitende, Kundschaft und Kennzahlen der heutigen Standorte sind synthetisch/.test(banner) && !/Standortkandidaten/.test(banner), `banner: ${banner}`);
			await t.goto('/report');
			await t.ready();
			const note = await t.page.locator('[data-testid="report-provenance"]').innerText({ timeout: 60_000 });
			assert(/In diesem Bericht sind Mitarbeitende, Kundschaft und Kennzahlen der heutigen Standorte synthetisch/.test(note), `report note: ${note}`);
		}
	},
	{
		name: 'a site list as Excel saves a plain «CSV» (Windows-1252, typographic quotes and dashes): read by the fast path, every character as written',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await t.page.selectOption('[data-testid="import-table"]', 'sites');
			const text = 'site_id;name;capacity_workplaces;area_m2;cost_chf_m2_year;lon;lat\nK-01;Eichhof-West – „Campus“;600;15000;300;8,2900;47,0300\nK-02;Rue de l’Église 5;550;14000;280;8,2800;47,0600\n';
			// ’ „ “ – are bytes 0x80–0x9F in Windows-1252 (where it differs from ISO-8859-1).
			const cp1252 = { '–': 0x96, '„': 0x84, '“': 0x93, '’': 0x92 };
			const bytes = Buffer.from([...text].map((c) => cp1252[c] ?? c.charCodeAt(0)));
			await upload(t, 'Standorte.csv', bytes);
			await t.page.waitForSelector('[data-testid="import-stats"]');
			const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
			assert(/2 Zeilen · 0 Fehler/.test(stats), `unexpected stats: ${stats}`);
			const readPath = t.page.locator('[data-testid="import-path"]');
			assert((await readPath.getAttribute('data-fast')) === 'true', `not the fast path: ${await readPath.getAttribute('title')}`);
			const preview = (await t.page.locator('[data-testid="import-preview"] tbody tr').allInnerTexts()).join(' | ');
			assert(preview.includes('Eichhof-West – „Campus“') && preview.includes('Rue de l’Église 5'), `characters not as written: ${preview}`);
			assert(/CSV, Windows-1252 \(ANSI\), “;”/.test(await t.page.locator('main').innerText()), 'the encoding is not named as people name it');
			await t.screenshot('import-windows-1252');
		}
	},
	{
		name: 'a Windows-1252 customer list whose first megabytes are plain ASCII (the umlauts further down): the fast path, the encoding named',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await t.page.selectOption('[data-testid="import-table"]', 'customers');
			// Beyond the import worker's first chunk (4 MB), where the fast open checks UTF-8, the first «ü» (0xFC).
			const rows = Array.from({ length: 100_000 }, (_, i) => `K${String(i).padStart(6, '0')}-insured,insured,${1 + (i % 9)},0.2,8.${300000 + (i % 5000)},47.0${40000 + (i % 9000)},,`);
			const text = `customer_id,group,count,visits_per_year,lon,lat,zone_id,geocode_quality\n${rows.join('\n')}\nHüswil-insured,insured,3,0.2,7.9066,47.1303,,\n`;
			assert(text.indexOf('ü') > 4 << 20, 'the first umlaut is not beyond the first chunk');
			const bytes = Buffer.from(text, 'latin1');
			await upload(t, 'Kunden.csv', bytes);
			await t.page.waitForSelector('[data-testid="import-stats"]', { timeout: 120_000 });
			const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
			assert(/100'001 Zeilen · 0 Fehler/.test(stats), `unexpected stats: ${stats}`);
			const readPath = t.page.locator('[data-testid="import-path"]');
			assert((await readPath.getAttribute('data-fast')) === 'true', `not the fast path: ${await readPath.getAttribute('title')}`);
			const detected = await t.page.locator('main').innerText();
			assert(/CSV, Windows-1252 \(ANSI\), “,”/.test(detected), `the encoding is not named as read: ${detected.match(/Erkannt[^\n]*/)?.[0]}`);
			await t.screenshot('import-windows-1252-late');
		}
	},
	{
		name: 'a staff list as Excel for Mac saves a plain «CSV» (Mac Roman, CR line ends) and as Excel saves «CSV (MS-DOS)» (code page 850): umlauts as written, the encoding named and warned of',
		async run(t) {
			const cases = [
				{ file: 'staff_macroman.csv', named: 'Mac Roman', warned: /in Mac Roman geschrieben \(Excel für Mac/, shot: 'import-mac-roman' },
				{ file: 'staff_cp850.csv', named: 'DOS Latin 1 \\(CP 850\\)', warned: /in DOS Latin 1 \(CP 850\) geschrieben \(Excel, «CSV \(MS-DOS\)»\)/, shot: 'import-cp850' }
			];
			for (const c of cases) {
				await t.goto('/data');
				await t.ready();
				await t.page.selectOption('[data-testid="import-table"]', 'staff');
				await upload(t, 'Mitarbeitende.csv', readFileSync(new URL(`../fixtures/badinput/${c.file}`, import.meta.url)));
				await t.page.waitForSelector('[data-testid="import-stats"]');
				const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
				assert(/3 Zeilen · 0 Fehler · 1 Warnung/.test(stats), `${c.file}: unexpected stats: ${stats}`);
				const preview = (await t.page.locator('[data-testid="import-preview"] tbody tr').allInnerTexts()).join(' | ');
				assert(preview.includes('Büro') && preview.includes('Zürich-Süd') && preview.includes('Sécurité'), `${c.file}: characters not as written: ${preview}`);
				const main = await t.page.locator('main').innerText();
				assert(new RegExp(`CSV, ${c.named}, “;”`).test(main), `${c.file}: the encoding is not named`);
				assert(c.warned.test(main), `${c.file}: no warning about the encoding`);
				await t.screenshot(c.shot);
			}
		}
	},
	{
		name: 'an office list as a facility manager keeps it (names only, rent per month, notice in years, a «Total» row): read with its warnings, the mapping shows one column feeding id and name',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await t.page.selectOption('[data-testid="import-table"]', 'offices');
			const csv = "Standort;PLZ;Fläche m2;Arbeitsplätze;Miete pro Monat;Mietende;Kündigungsfrist\nIV Luzern;6005;5800;215;CHF 154'667;31.03.2026;12 Monate\nAK;6006;5100 m²;195;131750.-;30.6.2026;1 Jahr\nRAV Sursee;6210;800;40;Fr. 20'000.–;31.12.2027;6 Mte.\nTotal;;11700;450;306417;;\n";
			await upload(t, 'Bueros.csv', csv);
			await t.page.waitForSelector('[data-testid="import-stats"]');
			const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
			assert(/3 Zeilen · 0 Fehler · 3 Warnungen/.test(stats), `unexpected stats: ${stats}`);
			const issues = (await t.page.locator('[data-testid="import-issues"] tbody tr').allInnerTexts()).join(' | ');
			for (const w of ['dient als Bezeichnung und als ID', 'pro Monat angegeben und wird mal 12 gerechnet', 'Summenzeile («Total») nicht eingelesen'])
				assert(issues.includes(w), `warning missing: ${w} in ${issues}`);
			const preview = (await t.page.locator('[data-testid="import-preview"] tbody tr').allInnerTexts()).join(' | ');
			assert(/1[’'\u2019]?856[’'\u2019]?004/.test(preview.replace(/\s/g, '')) && !preview.includes('Total'), `preview: ${preview}`);
			await t.page.locator('[data-testid="mapping"]').evaluate((el) => el.closest('details')?.setAttribute('open', ''));
			assert((await t.page.locator('[data-testid="mapping"] select[aria-label="office_id"]').inputValue()) === 'Standort', 'office_id not read from «Standort»');
			assert((await t.page.locator('[data-testid="mapping"] select[aria-label="name"]').inputValue()) === 'Standort', 'name not read from «Standort»');
			await t.screenshot('import-facility-manager');
		}
	},
	{
		name: 'a customer list opened as staff: the page names the table its columns fit and reads it as that in one click',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await upload(t, 'kunden_gemeinden.csv', customersByName);
			await t.page.waitForSelector('[data-testid="import-fits"]');
			const hint = await t.page.locator('[data-testid="import-fits"]').innerText();
			assert(/passen zur Tabelle «Kundschaft»/.test(hint), `hint: ${hint}`);
			await t.page.locator('[data-testid="import-fits"] button').click();
			await t.page.waitForSelector('[data-testid="import-stats"]:has-text("0 Fehler")');
			assert((await t.page.locator('[data-testid="import-table"]').inputValue()) === 'customers', 'table not switched');
			assert((await t.page.locator('[data-testid="import-fits"]').count()) === 0, 'hint still shown');
		}
	},
	{
		name: 'good file with LV95 and German headers: commit, survive reload, clear all',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await upload(t, 'mitarbeitende.csv', goodStaff);
			await t.page.waitForSelector('[data-testid="import-stats"]');
			const stats = await t.page.locator('[data-testid="import-stats"]').innerText();
			assert(/3 Zeilen · 0 Fehler/.test(stats), `unexpected stats: ${stats}`);
			const preview = await t.page.locator('[data-testid="import-preview"] tbody tr').first().innerText();
			assert(/8\.3\d*/.test(preview) && /47\.0\d*/.test(preview), `LV95 not converted to WGS84: ${preview}`);
			await t.page.click('[data-testid="import-commit"]');
			await t.page.waitForSelector('[data-testid="import-message"][data-kept="kept"]:has-text("3 Zeilen")');
			await t.screenshot('import-committed');
			// Reload: the imported table comes back from IndexedDB.
			await t.goto('/');
			await t.ready();
			await t.page.waitForFunction(() => document.querySelector('[data-testid="kpis"] strong')?.textContent?.trim() === '3', null, { timeout: 20_000 });
			// Clear all: back to the default scenario.
			await t.goto('/data');
			await t.ready();
			t.page.once('dialog', (d) => d.accept());
			await t.page.click('[data-testid="clear-all"]');
			await t.page.waitForSelector('[data-testid="import-message"]');
			await t.goto('/');
			await t.ready();
			await t.page.waitForFunction(() => document.querySelector('[data-testid="kpis"] strong')?.textContent?.replace(/\D/g, '') === '570', null, { timeout: 20_000 });
		}
	},
	{
		name: 'mapping and table changes re-run the import: an unmapped required column blocks the commit',
		async run(t) {
			await t.goto('/data?table=customers');
			await t.ready();
			await upload(t, 'mitarbeitende.csv', goodStaff);
			await t.page.waitForSelector('[data-testid="import-stats"]');
			assert(/[1-9]\d* Fehler/.test(await t.page.locator('[data-testid="import-stats"]').innerText()), 'staff rows pass as customers');
			await t.page.selectOption('[data-testid="import-table"]', 'staff');
			const stats = () => t.page.locator('[data-testid="import-stats"]').innerText();
			await t.page.waitForFunction(() => / 0 Fehler/.test(document.querySelector('[data-testid="import-stats"]')?.textContent ?? ''));
			await t.page.locator('details summary').first().click();
			// "Einheit" is an alias of unit: unmapping must stick, not be matched again automatically.
			await t.page.selectOption('[data-testid="mapping"] select[aria-label="unit"]', '');
			await t.page.waitForFunction(() => /[1-9]\d* Fehler/.test(document.querySelector('[data-testid="import-stats"]')?.textContent ?? ''));
			assert(await t.page.locator('[data-testid="import-commit"]').isDisabled(), `commit enabled without unit: ${await stats()}`);
			await t.page.selectOption('[data-testid="mapping"] select[aria-label="unit"]', 'Einheit');
			await t.page.waitForFunction(() => / 0 Fehler/.test(document.querySelector('[data-testid="import-stats"]')?.textContent ?? ''));
			assert(!(await t.page.locator('[data-testid="import-commit"]').isDisabled()), `commit still disabled: ${await stats()}`);
		}
	},
	{
		name: 'a kept table that no longer reads: the app starts with the default rows and says so; the kept copy stays',
		async run(t) {
			await t.goto('/');
			await t.ready();
			// A damaged store: bytes that are not Arrow under the key of the customers table.
			await t.page.evaluate(
				() =>
					new Promise((resolve, reject) => {
						const req = indexedDB.open('standortwahl', 1);
						req.onupgradeneeded = () => req.result.createObjectStore('kv');
						req.onsuccess = () => {
							const tx = req.result.transaction('kv', 'readwrite');
							tx.objectStore('kv').put([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], 'table:customers');
							tx.oncomplete = () => resolve(null);
							tx.onerror = () => reject(tx.error);
						};
					})
			);
			await t.goto('/');
			await t.ready();
			const banner = await t.page.locator('[data-testid="unrestored"]').innerText();
			assert(banner.includes('«Kundschaft»') && banner.includes('neu importieren'), `banner: ${banner}`);
			// The default's customers are there, and the ranking works.
			await t.page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpis"]')?.textContent ?? ''), null, { timeout: 20_000 });
			const kept = await t.page.evaluate(
				() =>
					new Promise((resolve) => {
						const req = indexedDB.open('standortwahl', 1);
						req.onsuccess = () => {
							const g = req.result.transaction('kv').objectStore('kv').get('table:customers');
							g.onsuccess = () => resolve(!!g.result);
						};
					})
			);
			assert(kept, 'the kept copy was deleted');
		}
	}
];
