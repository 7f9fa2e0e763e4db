import path from 'node:path';
import { assert } from './harness.mjs';

// The synthetic directory in the official format (tests/fixtures/address, see make-fixture.ts).
const ZIP = path.resolve('tests/fixtures/address/adressen_lu.zip');
const customers = `customer_id,group,visits_per_year,Adresse,PLZ_Ort
C1,insured,1,Bahnhofstrasse 9,6003 Luzern
C2,insured,1,Bahnhofstr 99,6003 Luzern
C3,employer,2,Pilatusgasse 3,6003 Luzern
C4,jobseeker,6,Mühlenpl. 3,6004 Luzern
`;

async function loadDirectory(t) {
	await t.page.setInputFiles('[data-testid="address-file"]', ZIP);
	await t.page.waitForSelector('[data-testid="address-status"]', { timeout: 30_000 });
}

export const tests = [
	{
		name: 'address directory: load, geocode an import by address with quality and candidates, kept across a reload',
		async run(t) {
			await t.goto('/data?table=customers');
			await t.ready();
			await t.page.waitForSelector('[data-testid="address-none"]');
			await loadDirectory(t);
			const status = await t.page.locator('[data-testid="address-status"]').innerText();
			assert(/Eingänge an \d+ Strassen aus adressen_lu\.zip/.test(status), `status: ${status}`);
			assert(/zugeschnitten auf 10 km um \d+ Punkte/.test(status) && /IndexedDB/.test(status), `status: ${status}`);
			await t.screenshot('address-directory-loaded');

			await t.page.setInputFiles('[data-testid="import-file"]', { name: 'kunden.csv', mimeType: 'text/csv', buffer: Buffer.from(customers, 'utf8') });
			await t.page.waitForSelector('[data-testid="import-stats"]');
			const quality = await t.page.locator('[data-testid="import-quality"]').innerText();
			assert(/Adresse 2 · Strasse 1 · PLZ 1/.test(quality), `quality: ${quality}`);
			const issues = await t.page.locator('[data-testid="import-issues"] tbody tr').allInnerTexts();
			const row3 = issues.find((r) => /kunden\.csv\s+3\s+Adresse/.test(r));
			assert(row3 && row3.includes('nächste: Bahnhofstrasse 9, 19, 29'), `no candidates for row 3: ${issues.join(' | ')}`);
			const row4 = issues.find((r) => /kunden\.csv\s+4\s+Adresse/.test(r));
			assert(row4 && row4.includes('Strasse nicht gefunden; nächste: Pilatusstrasse') && row4.includes('platziert an der PLZ 6003'), `row 4: ${row4}`);
			const preview = await t.page.locator('[data-testid="import-preview"] tbody tr').allInnerTexts();
			assert(/address/.test(preview[0]) && /street/.test(preview[1]) && /postcode/.test(preview[2]), `preview: ${preview.join(' | ')}`);
			await t.screenshot('address-import-quality');
			await t.page.click('[data-testid="import-commit"]');
			await t.page.waitForSelector('[data-testid="import-message"][data-kept="kept"]');

			// A reload: the cut directory comes back from IndexedDB (the file is not read again).
			const readMs = await t.page.locator('[data-testid="address-status"]').getAttribute('data-read-ms');
			await t.goto('/data');
			await t.ready();
			await t.page.waitForSelector('[data-testid="address-status"]', { timeout: 30_000 });
			assert((await t.page.locator('[data-testid="address-status"]').getAttribute('data-read-ms')) === readMs, 'directory was read again instead of restored');

			t.page.once('dialog', (d) => d.accept());
			await t.page.click('[data-testid="clear-all"]');
			await t.page.waitForSelector('[data-testid="address-none"]');
		}
	},
	{
		name: 'address directory: a broken file gives a clear message; remove',
		async run(t) {
			await t.goto('/data');
			await t.ready();
			await t.page.setInputFiles('[data-testid="address-file"]', { name: 'kunden.zip', mimeType: 'application/zip', buffer: Buffer.from('customer_id;name\n1;x\n', 'utf8') });
			await t.page.waitForSelector('[data-testid="address-message"].error');
			const msg = await t.page.locator('[data-testid="address-message"]').innerText();
			assert(/Keine Adressverzeichnis-Datei: Spalten fehlen: STN_LABEL/.test(msg), `message: ${msg}`);
			await t.screenshot('address-directory-broken');
			await loadDirectory(t);
			await t.page.click('[data-testid="address-remove"]');
			await t.page.waitForSelector('[data-testid="address-none"]');
		}
	}
];
