import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { lv95ToWgs84 } from '../../src/lib/data/coords.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { distanceToPostcodeM, geocodePlz } from '../../src/lib/data/geocode.ts';
import {
	commitImport,
	decodeText,
	detectDelimiter,
	importFile,
	ImportRefused,
	loadDataFolder,
	parseBoolean,
	parseDate,
	parseFile,
	parseNumber,
	suggestMapping,
	validateAndType,
	type FileInput,
	type ImportIssue
} from '../../src/lib/data/import/index.ts';
import type { TableName } from '../../src/lib/data/schema.ts';
import { createRng } from '../../src/lib/data/prng.ts';
import { isSumLabel } from '../../src/lib/data/import/total-row.ts';

const FIX = path.resolve(__dirname, '../fixtures/import');
const refs = loadGeoRefs();
import { WINDOWS_1252_CHARS } from '../../src/lib/util/windows-1252.ts';

const file = (rel: string, name = path.basename(rel)): FileInput => ({ fileName: name, bytes: new Uint8Array(readFileSync(path.join(FIX, rel))) });
const text = (fileName: string, s: string): FileInput => ({ fileName, bytes: new TextEncoder().encode(s) });
const where = (issues: ImportIssue[]) => issues.map((i) => [i.severity, i.row, i.column, i.code]);

async function run(table: TableName, input: FileInput) {
	return importFile(table, input, { refs });
}

describe('cell parsers', () => {
	it('reads Swiss and German number formats', () => {
		expect(parseNumber("1'234.5")).toBe(1234.5);
		expect(parseNumber('1’234.5')).toBe(1234.5);
		expect(parseNumber('1 234,5')).toBe(1234.5);
		expect(parseNumber('1.234,5')).toBe(1234.5);
		expect(parseNumber('1,234.5')).toBe(1234.5);
		expect(parseNumber('0,8')).toBe(0.8);
		expect(parseNumber('-3')).toBe(-3);
		expect(parseNumber('')).toBeNull();
		expect(parseNumber('achtzig')).toBeUndefined();
		expect(parseNumber('12abc')).toBeUndefined();
	});
	it('reads ISO and Swiss dates, rejects impossible ones', () => {
		expect(parseDate('2031-03-31')).toBe('2031-03-31');
		expect(parseDate('31.12.2030')).toBe('2030-12-31');
		expect(parseDate('1.7.2029')).toBe('2029-07-01');
		expect(parseDate('31.02.2030')).toBeUndefined();
		expect(parseDate('next year')).toBeUndefined();
		// A time of day as exports add it; any other text after the date is no date.
		expect(['2026-03-31T00:00:00Z', '2026-03-31 00:00:00', '2026-03-31T23:59:59.000+01:00', '31.03.2026 00:00'].map(parseDate)).toEqual(Array(4).fill('2026-03-31'));
		expect(['2026-03-31 bis 2031-03-31', '2026-03-31T99:99', '31.03.2026 ca.', '2026-03-31T'].map(parseDate)).toEqual(Array(4).fill(undefined));
	});
	it('reads ja/nein/true/false/1/0/x', () => {
		expect(['ja', 'Nein', 'true', 'FALSE', '1', '0', 'x', ''].map((v) => parseBoolean(v))).toEqual([true, false, true, false, true, false, true, null]);
		expect(parseBoolean('vielleicht')).toBeUndefined();
	});
});

describe('a file opened for the wrong table', () => {
	it('names the table its columns fit, and only then', async () => {
		const csv = 'Kunden-Nr;Gruppe;Anzahl;Besuche pro Jahr;Ost;Nord\nK1;Versicherte;1;2,5;2666000;1211000\n';
		const asStaff = await importFile('staff', text('kunden.csv', csv), { refs });
		const hint = asStaff.issues.filter((i) => i.code === 'fits_other_table');
		expect(hint.map((i) => [i.severity, i.message.de])).toEqual([['warning', 'Die Spalten passen zur Tabelle «Kundschaft» (customers): diese als Zieltabelle wählen.']]);
		expect(asStaff.issues.some((i) => i.code === 'missing_column')).toBe(true);
		const asCustomers = await importFile('customers', text('kunden.csv', csv), { refs });
		expect(asCustomers.issues.filter((i) => i.code === 'fits_other_table' || i.severity === 'error')).toEqual([]);
		// Columns that fit no table: the missing columns alone, no guess.
		const neither = await importFile('staff', text('x.csv', 'a;b\n1;2\n'), { refs });
		expect(neither.issues.some((i) => i.code === 'fits_other_table')).toBe(false);
	});
});

describe('CSV reading', () => {
	it('detects delimiters , ; tab |', () => {
		expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
		expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
		expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
		expect(detectDelimiter('a|b\n1|2')).toBe('|');
		expect(detectDelimiter('"x,y";b;c\n"1,2";2;3')).toBe(';');
	});
	it('detects the delimiter below title rows, whatever separators the titles hold', () => {
		expect(detectDelimiter('Kundenliste Kanton Luzern\nPLZ;Anzahl;Besuche\n6000;12;3\n6003;4;1')).toBe(';');
		expect(detectDelimiter('Kundenliste, Stand 2025\n\nPLZ;Anzahl\n6000;12\n6003;4')).toBe(';');
		expect(detectDelimiter('Stand: 1.1.2025; Quelle: AK\nPLZ\tAnzahl\tBesuche\n6000\t12\t3\n6003\t4\t1')).toBe('\t');
		// Unquoted commas in a text column of a semicolon file: the header has none, so they never win.
		expect(detectDelimiter('id;adresse\n1;Bahnhofstrasse 1, Luzern\n2;Pilatusstrasse 3, Kriens')).toBe(';');
		expect(detectDelimiter('PLZ\n6000\n6003')).toBe(',');
	});
	it('finds the header below a title row as wide as it, by the column names it knows; a header of unknown names stays the first wide row', async () => {
		const csv = 'Kundenliste WAS;Stand 1.12.2026;Quelle: Ausgleichskasse Luzern\n\nGruppe;Besuche pro Jahr;PLZ\nVersicherte;2;6003\nArbeitgebende;1;6010\n';
		const r = await run('customers', text('kunden.csv', csv));
		expect(where(r.issues)).toEqual([['warning', null, null, 'title_rows_skipped']]);
		expect(r.issues[0].message.de).toContain('die Spaltennamen stehen in Zeile 3');
		expect(r.result!.preview.map((p) => [p.group, p.visits_per_year, p.zone_id])).toEqual([
			['insured', 2, 1061],
			['employer', 1, 1059]
		]);
		// Without known names below it, the wide first row is the header (the user maps by hand or names the row).
		const own = await run('customers', text('kunden.csv', 'Spalte A;Spalte B;Spalte C\nVersicherte;2;6003\n'));
		expect(own.parsed?.headers).toEqual(['Spalte A', 'Spalte B', 'Spalte C']);
	});
	it('detects Windows-1252 and keeps umlauts', async () => {
		expect(decodeText(new Uint8Array([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68])).encoding).toBe('windows-1252');
		const r = await run('staff', file('bad/staff_cp1252.csv'));
		expect(r.parsed?.info).toEqual({ delimiter: ';', encoding: 'windows-1252' });
		expect(r.result?.preview.map((p) => [p.unit, p.office_id])).toEqual([
			['Büro Süd', 'Würzenbach'],
			['Zöllner', 'AK-LAND']
		]);
		expect(r.result?.stats.errors).toBe(0);
		// Typographic characters are bytes 0x80–0x9F there, which Node's own decoder reads as control characters.
		const latin = (s: string) => Uint8Array.from(s, (c) => WINDOWS_1252_CHARS.indexOf(c));
		const typo = await run('staff', { fileName: 'ansi.csv', bytes: latin('person_id;unit;fte;office_id;lon;lat\nP1;Büro – „Süd“;1;Rue de l’Église;8,31;47,05\n') });
		expect(typo.parsed?.info.encoding).toBe('windows-1252');
		expect(typo.result?.preview.map((p) => [p.unit, p.office_id])).toEqual([['Büro – „Süd“', 'Rue de l’Église']]);
	});
	it('warns of text that looks double-encoded (UTF-8 opened as ANSI and saved again), naming column, rows and what it stood for', async () => {
		const csv = 'person_id;unit;fte;office_id;lon;lat\nP1;BÃ¼ro SÃ¼d;1;LU-01;8,31;47,05\nP2;IV;1;Rue de lâ€™Ã‰glise;8,31;47,05\nP3;BÃ¼ro SÃ¼d;1;São Paulo;8,31;47,05\nP4;Zürich;1;Â°;8,31;47,05\n';
		const r = await run('staff', text('ansi-again.csv', csv));
		expect(where(r.issues)).toEqual([
			['warning', null, 'unit', 'double_encoded'],
			['warning', null, 'office_id', 'double_encoded']
		]);
		expect(r.issues[0].message.de).toContain('(2 Zeilen, erste in Zeile 2; «BÃ¼ro SÃ¼d» steht wohl für «Büro Süd»)');
		expect(r.issues[1].message.en).toContain('(2 rows, first in row 3; "Rue de lâ€™Ã‰glise" probably stands for "Rue de l’Église")');
		// The values are kept as they are: the warning asks for a clean export, it does not guess.
		expect(r.result?.preview.map((p) => p.unit)).toEqual(['BÃ¼ro SÃ¼d', 'IV', 'BÃ¼ro SÃ¼d', 'Zürich']);
		expect(r.result?.stats.errors).toBe(0);
	});
	it('warns of text misread through Mac Roman (UTF-8 opened in Excel for Mac and saved again), saying so', async () => {
		const csv = 'person_id;unit;fte;office_id;lon;lat\nP1;B√ºro S√ºd;1;Gen√®ve;8,31;47,05\nP2;IV;1;Rue de l‚Äô√âglise;8,31;47,05\nP3;√2 ¬ Bad;1;LU-01;8,31;47,05\n';
		const r = await run('staff', text('mac-again.csv', csv));
		expect(where(r.issues)).toEqual([
			['warning', null, 'unit', 'double_encoded'],
			['warning', null, 'office_id', 'double_encoded']
		]);
		expect(r.issues[0].message.de).toContain('(Zeile 2; «B√ºro S√ºd» steht wohl für «Büro Süd»): die Datei wurde wohl als UTF-8 gespeichert, in Excel für Mac (als Mac Roman) geöffnet');
		expect(r.issues[1].message.en).toContain('"Gen√®ve" probably stands for "Genève"): the file was probably saved as UTF-8, opened in Excel for Mac (as Mac Roman)');
		// «√2» and a lone «¬» are no misreading.
		expect(r.result?.preview.map((p) => p.unit)).toEqual(['B√ºro S√ºd', 'IV', '√2 ¬ Bad']);
	});
	it('reads a semicolon CSV with BOM, CRLF, German headers and decimal commas like the comma version', async () => {
		const a = await run('staff', file('good/staff.csv'));
		const b = await run('staff', file('good/staff_semicolon.csv'));
		expect(a.issues).toEqual([]);
		expect(b.issues).toEqual([]);
		expect(b.result?.mapping).toMatchObject({ person_id: 'Personal_Nr', unit: 'Einheit', fte: 'Pensum', office_id: 'Arbeitsort', lon: 'Länge', lat: 'Breite' });
		expect(b.result?.preview).toEqual(a.result?.preview);
		expect(a.result?.preview[1]).toEqual({ person_id: 'P2', unit: 'IV', fte: 0.8, office_id: 'IV-BUER', mode: 'car', lon: 8.2795, lat: 47.0333, zone_id: 1059, geocode_quality: 'coordinates' });
	});
	it('counts rows as the user sees them: header = 1, quoted newlines and blank lines included', async () => {
		const r = await run('staff', text('s.csv', 'person_id,unit,fte,office_id,lon,lat\nP1,"A\nK",1,X,8.31,47.05\n\nP2,AK,abc,X,8.31,47.05\n'));
		expect(where(r.issues)).toEqual([['error', 5, 'fte', 'bad_number']]);
	});
	it('skips rows of blank fields as blank lines (Excel writes «;;;;» for formatted rows below the table), counting them as lines', async () => {
		const csv = 'person_id;unit;fte;office_id;lon;lat;;\r\n;;;;;;;\r\nP1;AK;1;X;8,31;47,05;;\r\n;;;;;;;\r\n ; ;"";\t;;;;\r\nP2;AK;abc;X;8,31;47,05;;\r\n;;;;;;;\r\n;;;;;;;\r\n';
		const r = await run('staff', text('excel.csv', csv));
		expect(where(r.issues)).toEqual([
			['warning', null, null, 'unnamed_columns'],
			['error', 6, 'fte', 'bad_number']
		]);
		// The trailing delimiters' columns: one warning, by position, not one «Spalte «»» each.
		expect(r.issues[0].message.de).toBe('Spalten 7, 8 haben keinen Namen und werden nicht verwendet.');
		expect(r.result?.stats.rows).toBe(2);
	});
	it('streams with progress and cancels cleanly, writing nothing', async () => {
		const big = 'person_id,unit,fte,office_id,lon,lat\n' + Array.from({ length: 120_000 }, (_, i) => `P${i},AK,1,X,8.31,47.05`).join('\n');
		const seen: number[] = [];
		const ok = await importFile('staff', text('staff.csv', big), { onProgress: (f) => seen.push(f) });
		expect(ok.result?.stats.rows).toBe(120_000);
		expect(seen.length).toBeGreaterThan(3);
		expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
		expect(seen.at(-1)).toBe(1);

		const db = await openNodeDb();
		await commitImport(db, 'staff', (await run('staff', file('good/staff.csv'))).result!);
		const ac = new AbortController();
		const r = await loadDataFolder(db, [text('staff.csv', big)], { refs, signal: ac.signal, onProgress: (f) => f > 0.2 && ac.abort() });
		expect(r.cancelled).toBe(true);
		expect(r.committed).toBe(false);
		expect(where(r.issues)).toEqual([['error', null, null, 'cancelled']]);
		expect((await rows(db, 'SELECT person_id FROM staff ORDER BY 1')).map((x) => x.person_id)).toEqual(['P1', 'P2', 'P3']);
		await db.close();
	});
});

describe('a data folder with a spreadsheet in a format no reader takes', () => {
	it('staff.xls named for a table is an error (the load would miss it); an unrelated file is only passed over', async () => {
		const db = await openNodeDb();
		const r = await loadDataFolder(db, [text('staff.xls', 'x'), text('sites_notes.docx', 'x'), file('good/sites.geojson')], { refs });
		expect(where(r.issues).filter((w) => w[0] === 'error' || w[3] === 'unknown_file')).toEqual([
			['error', null, null, 'unsupported_format'],
			['warning', null, null, 'unknown_file']
		]);
		expect(r.issues[0].message.en).toContain('staff');
		expect(r.committed).toBe(false);
		await db.close();
	});
});

describe('other formats', () => {
	it('reads XLSX with LV95 e/n columns, Swiss dates and ja/nein', async () => {
		const r = await run('offices', file('good/offices.xlsx'));
		expect(r.issues).toEqual([]);
		expect(r.parsed?.info.sheet).toBe('offices');
		const p = r.result!.preview;
		const luz = lv95ToWgs84(2_666_350, 1_211_050);
		expect(p[0]).toMatchObject({ office_id: 'AK-LAND', area_m2: 3200, workplaces: 1_100_000 / 1_100_000 * 180, rent_chf_year: 1_100_000, lease_end: '2031-03-31', keep: false, zone_id: 1061 });
		expect(p[0].lon).toBeCloseTo(luz.lon, 9);
		expect(p[1]).toMatchObject({ office_id: 'RAV-SURS', lease_end: '2030-12-31', keep: true, zone_id: 1103 });
	});
	it('names the missing worksheet', async () => {
		const r = await importFile('offices', file('good/offices.xlsx'), { refs, sheet: 'Tabelle2' });
		expect(where(r.issues)).toEqual([['error', null, null, 'xlsx_no_sheet']]);
		expect(r.issues[0].message.en).toContain('"Tabelle2" not found (available: offices)');
	});
	it('reads Parquet and geocodes PLZ and BFS numbers', async () => {
		const r = await run('customers', file('good/customers.parquet'));
		expect(r.issues).toEqual([]);
		expect(r.result?.preview).toEqual([
			{ customer_id: 'C1', group: 'insured', count: 12, visits_per_year: 1.5, lon: 8.297014, lat: 47.050065, zone_id: 1061, geocode_quality: 'postcode' },
			// C2: centroid of Emmen from municipalities_lu_region_2026_centroids.csv (1024,Emmen,LU,8.287,47.08785)
			{ customer_id: 'C2', group: 'employer', count: 3, visits_per_year: 4, lon: 8.287, lat: 47.08785, zone_id: 1024, geocode_quality: 'municipality' },
			{ customer_id: 'C3', group: 'jobseeker', count: 5, visits_per_year: 12, lon: 8.399282, lat: 47.127126, zone_id: 1055, geocode_quality: 'postcode' }
		]);
		expect(r.result?.stats.geocoded).toEqual({ plz: 2, bfs: 1 });
		expect(r.result?.stats.quality).toEqual({ postcode: 2, municipality: 1 });
	});
	it('reads GeoJSON points with properties', async () => {
		const r = await run('sites', file('good/sites.geojson'));
		expect(r.issues).toEqual([]);
		expect(r.result?.preview.map((p) => [p.site_id, p.lon, p.lat, p.available_from, p.zone_id])).toEqual([
			['EICH', 8.287, 47.0335, '2030-01-01', 1059],
			// Generalised polygons put Seetalplatz (Emmen) into Luzern: data/SOURCES.md section 1 caveat.
			['SEET', 8.301, 47.064, '2029-07-01', 1061]
		]);
	});
});

describe('column mapping', () => {
	it('lists mapped, unmapped and missing columns; a user mapping overrides', () => {
		const s = suggestMapping('staff', ['ID', 'Abteilung', 'Bemerkung', 'Longitude', 'Latitude']);
		expect(s.mapping).toEqual({ person_id: 'ID', unit: 'Abteilung', lon: 'Longitude', lat: 'Latitude' });
		expect(s.unmapped).toEqual(['Bemerkung']);
		expect(s.missing).toEqual(['fte', 'office_id']);
		expect(s.missingLocation).toBe(false);
		const o = suggestMapping('staff', ['ID', 'Abteilung', 'Bemerkung', 'Longitude', 'Latitude'], { office_id: 'Bemerkung', unit: '' });
		expect(o.mapping).toMatchObject({ office_id: 'Bemerkung' });
		expect(o.mapping.unit).toBeUndefined();
		expect(o.missing).toEqual(['unit', 'fte']);
	});
	it('maps the German headers of a customer list saved from Excel', () => {
		const s = suggestMapping('customers', ['Kunden-ID', 'Gruppe', 'Anzahl', 'Besuche pro Jahr', 'Längengrad', 'Breitengrad']);
		expect(s.mapping).toEqual({ customer_id: 'Kunden-ID', group: 'Gruppe', count: 'Anzahl', visits_per_year: 'Besuche pro Jahr', lon: 'Längengrad', lat: 'Breitengrad' });
		expect(s.unmapped).toEqual([]);
	});
});

describe('an HR export as it comes: qualified headers, Pensum in percent', () => {
	it('maps headers with qualifier words around a known name, never one that names another place', () => {
		const s = suggestMapping('staff', ['Personalnummer', 'Organisationseinheit', 'Beschäftigungsgrad in %', 'Arbeitsort', 'Wohnort PLZ', 'PLZ Arbeitsort']);
		expect(s.mapping).toEqual({ person_id: 'Personalnummer', unit: 'Organisationseinheit', fte: 'Beschäftigungsgrad in %', office_id: 'Arbeitsort', plz: 'Wohnort PLZ' });
		expect(s.unmapped).toEqual(['PLZ Arbeitsort']);
		// "Wohnort" alone is the locality; with a postcode column beside it both are found.
		expect(suggestMapping('staff', ['id', 'Wohnort', 'PLZ Wohnort']).mapping).toMatchObject({ locality: 'Wohnort', plz: 'PLZ Wohnort' });
		expect(suggestMapping('offices', ['Standort-ID', 'Bezeichnung', 'Fläche m²', 'Miete CHF/Jahr']).mapping).toMatchObject({ area_m2: 'Fläche m²', rent_chf_year: 'Miete CHF/Jahr' });
		// Per m² is another column than per year: a site's cost per m² is not an office's annual rent.
		const sites = suggestMapping('sites', ['Standort', 'Bezeichnung', 'Adresse', 'PLZ', 'Ort', 'Arbeitsplätze', 'Nutzfläche m²', 'Miete CHF/m²/Jahr', 'Einmalkosten CHF', 'Verfügbar ab', 'Eigentum']);
		expect(sites.mapping).toMatchObject({ site_id: 'Standort', name: 'Bezeichnung', capacity_workplaces: 'Arbeitsplätze', area_m2: 'Nutzfläche m²', cost_chf_m2_year: 'Miete CHF/m²/Jahr', one_off_chf: 'Einmalkosten CHF', available_from: 'Verfügbar ab', tenure: 'Eigentum', plz: 'PLZ', locality: 'Ort', address: 'Adresse' });
		expect(sites.unmapped).toEqual([]);
		expect(suggestMapping('offices', ['id', 'name', 'Miete CHF/m²/Jahr']).mapping.rent_chf_year).toBeUndefined();
		// «Nr.» in a list of sites is their number, «Objekt» their name; a house number without a street is no location.
		const listed = suggestMapping('sites', ['Nr.', 'Objekt', 'Gemeinde', 'Arbeitsplätze', 'Nutzfläche', 'Miete CHF/m2/Jahr']);
		expect(listed.mapping).toMatchObject({ site_id: 'Nr.', name: 'Objekt', municipality: 'Gemeinde' });
		expect(listed.mapping.house_number).toBeUndefined();
		expect(suggestMapping('sites', ['Objekt', 'Bezeichnung']).mapping).toMatchObject({ site_id: 'Objekt', name: 'Bezeichnung' });
		const homes = suggestMapping('staff', ['id', 'unit', 'fte', 'office_id', 'Nr.', 'PLZ']);
		expect([homes.mapping.house_number, homes.unmapped]).toEqual([undefined, ['Nr.']]);
		expect(suggestMapping('staff', ['id', 'unit', 'fte', 'office_id', 'Strasse', 'Nr.', 'PLZ']).mapping).toMatchObject({ street: 'Strasse', house_number: 'Nr.' });
	});
	it('reads a Pensum column in percent (80, 100 %, 50,5 %) as FTE and says so; a fraction column stays as it is', async () => {
		const csv = 'Personalnummer;OE;Beschäftigungsgrad;Arbeitsort;Wohnort PLZ\n1;AK;80;LU-01;6003\n2;IV;100 %;LU-01;6010\n3;IV;50,5%;LU-02;6020\n4;IV;3;LU-02;6020\n';
		const r = await run('staff', text('hr.csv', csv));
		expect(r.result?.preview.map((p) => p.fte)).toEqual([0.8, 1, 0.505, 0.03]);
		expect(where(r.issues)).toEqual([
			['warning', null, 'Beschäftigungsgrad', 'read_as_percent'],
			['warning', 5, 'Beschäftigungsgrad', 'unusual_value']
		]);
		expect(r.issues[0].message.de).toContain('in Prozent');
		// A message about a value read in percent quotes it as written, with what it was read as.
		expect(r.issues[1].message.de).toBe('3 % (= 0.03 FTE) ist ungewöhnlich für «fte» (üblich: 0.05 bis 1.2 FTE (5 bis 120 %)). Prüfen, dann bestätigen, oder korrigieren (z. B. drei Nullen zu viel?).');
		const over = await run('staff', text('o.csv', 'id;unit;fte;office_id;plz\n1;AK;80 %;LU-01;6003\n2;IV;230;LU-01;6010\n3;IV;100;LU-01;6010\n'));
		expect(where(over.issues)).toEqual([
			['warning', null, 'fte', 'read_as_percent'],
			['error', 3, 'fte', 'out_of_range']
		]);
		expect(over.issues[1].message.en).toBe('230 % (= 2.3 FTE) is outside the possible range 0 to 1.2 FTE (0 to 120 %).');
		// A negative Pensum is an error in any unit: in the first row it does not stop the column being read in percent.
		const negative = await run('staff', text('n.csv', 'id;unit;fte;office_id;plz\n1;AK;-80;LU-01;6003\n2;IV;80;LU-01;6010\n3;IV;100;LU-01;6010\n'));
		expect(where(negative.issues)).toEqual([['warning', null, 'fte', 'read_as_percent'], ['error', 2, 'fte', 'out_of_range']]);
		const fractions = await run('staff', text('f.csv', 'id;unit;fte;office_id;plz\n1;AK;0.8;LU-01;6003\n2;IV;1;LU-01;6010\n'));
		expect(fractions.result?.preview.map((p) => p.fte)).toEqual([0.8, 1]);
		expect(fractions.issues).toEqual([]);
		// A bad percentage is quoted as written.
		const bad = await run('staff', text('b.csv', 'id;unit;fte;office_id;plz\n1;AK;80;LU-01;6003\n2;IV;viel %;LU-01;6010\n'));
		expect(bad.issues.map((i) => i.message.de)).toContain("«viel %» ist keine gültige Angabe; erwartet: eine Zahl (z. B. 1234.5 oder 1'234,5).");
		// Beyond 100 × max it is no percentage: the range error stays.
		const wrong = await run('staff', text('w.csv', 'id;unit;fte;office_id;plz\n1;AK;800;LU-01;6003\n2;IV;1;LU-01;6010\n'));
		expect(where(wrong.issues)).toEqual([['error', 2, 'fte', 'out_of_range']]);
		expect(wrong.issues[0].message.de).toBe('800 FTE liegt ausserhalb des möglichen Bereichs 0 bis 1.2 FTE.');
	});
	it('a column whose numbers do not tell their separator reads as the file\'s other number columns write: «250.000» beside decimal commas is 250\'000, with a warning', async () => {
		const r = await run('offices', text('o.csv', 'office_id;name;area_m2;Miete;lon;lat\nA;A;1.250,5;250.000;8,3093;47,0502\nB;B;800;180.000;8,31;47,05\nC;C;900;95.000 CHF;8,32;47,06\n'));
		expect(r.result?.preview.map((p) => p.rent_chf_year)).toEqual([250_000, 180_000, 95_000]);
		expect(where(r.issues)).toEqual([['warning', null, 'Miete', 'separator_from_file']]);
		expect(r.issues[0].message.de).toBe("Spalte «Miete»: «250.000» (3 Zeilen, erste in Zeile 2) als 250'000 gelesen: der Punkt trennt Tausender, denn die Datei schreibt Dezimalstellen mit Komma (Spalte «area_m2»). Prüfen.");
		// Not the other way round: «1,500» beside decimal points stays ambiguous (a Swiss hand may write 1,5 and 8.3).
		const en = await run('offices', text('o.csv', 'office_id,name,area_m2,Miete,lon,lat\nA,A,1250.5,"1,500",8.3093,47.0502\n'));
		expect(where(en.issues)).toEqual([['error', 2, 'Miete', 'ambiguous_number']]);
		const alone = await run('offices', text('o.csv', 'office_id;name;area_m2;Miete;plz\nA;A;800;1,500;6003\n'));
		expect(where(alone.issues)).toEqual([['error', 2, 'Miete', 'ambiguous_number']]);
	});
	it('a share beside percentages in a Pensum column («0,6» among «80 %») stays a share, with a warning naming its row', async () => {
		const csv = 'id;unit;fte;office_id;plz\n1;AK;80 %;LU-01;6003\n2;IV;0,6;LU-01;6010\n3;IV;100;LU-02;6020\n4;IV;1;LU-02;6020\n5;IV;60%;LU-02;6020\n';
		const r = await run('staff', text('hr.csv', csv));
		expect(r.result?.preview.map((p) => p.fte)).toEqual([0.8, 0.6, 1, 1, 0.6]);
		expect(where(r.issues)).toEqual([
			['warning', null, 'fte', 'read_as_percent'],
			['warning', null, 'fte', 'share_in_percent_column']
		]);
		expect(r.issues[1].message.de).toBe('Spalte «fte» ist in Prozent angegeben, 2 Werte sind aber schon ein Anteil (2 Zeilen, erste in Zeile 3: 0.6 FTE): so gelesen, nicht durch 100 geteilt. Prüfen.');
	});
});

describe('bad input: precise messages', () => {
	it('wrong delimiter: one column, one clear error', async () => {
		const r = await run('staff', file('bad/staff_colon.csv'));
		expect(where(r.issues)).toEqual([['error', null, 'person_id:unit:fte:office_id:lon:lat', 'one_column']]);
		expect(r.issues[0].message.de).toContain('Trennzeichen prüfen');
	});
	it('renamed columns are recognised; a missing one is named with its aliases', async () => {
		const r = await run('staff', file('bad/staff_missing_column.csv'));
		expect(where(r.issues)).toEqual([['error', null, null, 'missing_column']]);
		expect(r.issues[0].message.en).toMatch(/^Required column "office_id" is missing/);
		expect(r.result?.mapping).toMatchObject({ person_id: 'ID', unit: 'Abteilung', fte: 'Beschäftigungsgrad' });
	});
	it('text in a number column and out-of-range values: row and column', async () => {
		const r = await run('staff', file('bad/staff_text_in_number.csv'));
		expect(where(r.issues)).toEqual([
			['error', 3, 'fte', 'bad_number'],
			['error', 4, 'fte', 'out_of_range']
		]);
		expect(r.issues[0].message.de).toBe("«achtzig» ist keine gültige Angabe; erwartet: eine Zahl (z. B. 1234.5 oder 1'234,5).");
	});
	it('LV95 in lon/lat columns is detected, converted exactly and warned about once', async () => {
		const r = await run('staff', file('bad/staff_lv95_as_lonlat.csv'));
		expect(where(r.issues)).toEqual([['warning', null, 'lon', 'coords_converted']]);
		const p = r.result!.preview;
		const w = lv95ToWgs84(2_666_197, 1_211_393);
		expect(p[0].lon).toBe(w.lon);
		expect(p[0].lat).toBe(w.lat);
		expect(p.map((x) => x.zone_id)).toEqual([1061, 1059, 1024]);
	});
	it('a point in one cell, as copied from a web map or map.geo.admin.ch, is located like two columns; a cell that is no point is named', async () => {
		const csv = (cells: string[]) => 'Gruppe;Besuche;Koordinaten (WGS84)\n' + cells.map((c) => `insured;2;${c}\n`).join('');
		const w = lv95ToWgs84(2_666_197, 1_211_393);
		// Latitude first, as web maps copy it: plain WGS84, no warning.
		const google = await run('customers', text('kunden.csv', csv(['"47.0502, 8.3093"', '"47.0388, 8.2981"'])));
		expect(where(google.issues)).toEqual([]);
		expect(google.result!.mapping.coordinates).toBe('Koordinaten (WGS84)');
		expect(google.result!.preview.map((p) => [p.lon, p.lat, p.zone_id, p.geocode_quality])).toEqual([
			[8.3093, 47.0502, 1061, 'coordinates'],
			[8.2981, 47.0388, 1059, 'coordinates']
		]);
		// map.geo.admin.ch's LV95 text, with a slash and labels, and in degrees: converted and said so once.
		const lv95 = await run('customers', text('kunden.csv', csv(["2'666'197.00, 1'211'393.00", 'E 2666197 / N 1211393', `47°03'00.7"N 8°18'33.5"E`, 'Bahnhof', '', '"1; 2"'])));
		expect(where(lv95.issues)).toEqual([
			['warning', null, 'Koordinaten (WGS84)', 'coords_mixed'],
			['error', 5, 'Koordinaten (WGS84)', 'bad_coordinates'],
			['error', 5, 'Koordinaten (WGS84)', 'no_location'],
			['error', 6, 'Koordinaten (WGS84)', 'no_location'],
			['error', 7, 'Koordinaten (WGS84)', 'outside_switzerland'] // two numbers, a point far away
		]);
		expect(lv95.issues[1].message.de).toContain('«Bahnhof» ist kein Punkt');
		const r = await run('customers', text('kunden.csv', csv(["2'666'197.00, 1'211'393.00", 'E 2666197 / N 1211393'])));
		expect(where(r.issues)).toEqual([['warning', null, 'Koordinaten (WGS84)', 'coords_converted']]);
		expect(r.result!.preview.map((p) => [p.lon, p.lat])).toEqual([
			[w.lon, w.lat],
			[w.lon, w.lat]
		]);
	});
	it('degrees with minutes and seconds in lon/lat columns; other text there names what a coordinate looks like', async () => {
		const r = await run('customers', text('kunden.csv', `group,visits_per_year,lat,lon\ninsured,2,"47°03'01.2""N","8°18'33.5""E"\ninsured,2,N 47.0388,E 8.2981\ninsured,2,ca. 47,8.3\n`));
		// The row's place could not be read: that message is enough (no second one for a row without a place).
		expect(where(r.issues)).toEqual([['error', 4, 'lat', 'bad_lat']]);
		expect(r.issues[0].message.de).toContain("erwartet: eine Breite in Grad (WGS84, z. B. 47.0502 oder 47°03'01\"N) oder ein LV95-Nordwert");
		const p = r.result!.preview;
		expect([p[0].lon, p[0].lat]).toEqual([8 + 18 / 60 + 33.5 / 3600, 47 + 3 / 60 + 1.2 / 3600]);
		expect([p[1].lon, p[1].lat, p[1].zone_id]).toEqual([8.2981, 47.0388, 1059]);
	});
	it('«8,300» / «47,050» in lon/lat columns that do not tell the separator: the one reading that is a coordinate', async () => {
		const r = await run('staff', text('s.csv', 'person_id;unit;fte;office_id;lon;lat\nP1;AK;1;O1;8,300;47,050\nP2;AK;1;O1;8,310;47,060\n'));
		expect(where(r.issues)).toEqual([]);
		expect(r.result?.preview.map((p) => [p.lon, p.lat])).toEqual([[8.3, 47.05], [8.31, 47.06]]);
		// A value no reading makes a coordinate stays ambiguous («1,500»: 1.5 or 1500, neither a place).
		const odd = await run('staff', text('s.csv', 'person_id;unit;fte;office_id;lon;lat\nP1;AK;1;O1;1,500;47,050\n'));
		expect(where(odd.issues).map((w) => w[3])).toContain('ambiguous_number');
	});
	it('points outside Switzerland are errors on their row', async () => {
		const r = await run('staff', file('bad/staff_outside.csv'));
		expect(where(r.issues)).toEqual([
			['error', 3, 'lon', 'outside_switzerland'],
			['error', 4, 'lon', 'outside_switzerland']
		]);
	});
	it('duplicate ids name both rows', async () => {
		const r = await run('staff', file('bad/staff_duplicates.csv'));
		expect(where(r.issues)).toEqual([['error', 4, 'person_id', 'duplicate_key']]);
		expect(r.issues[0].message.en).toBe('Duplicate id "P1" (already in row 2). One row per person: add up several contracts of one person into one FTE.');
	});
	it('empty and header-only files', async () => {
		expect(where((await run('staff', file('bad/staff_empty.csv'))).issues)).toEqual([['error', null, null, 'empty_file']]);
		expect(where((await run('staff', file('bad/staff_header_only.csv'))).issues)).toEqual([['error', null, null, 'no_rows']]);
		expect(where((await run('staff', text('x.csv', '\uFEFF\r\n\r\n'))).issues)).toEqual([['error', null, null, 'empty_file']]);
	});
	it('a truncated XLSX gives one clear error, no crash', async () => {
		const r = await run('offices', file('bad/offices_truncated.xlsx'));
		expect(where(r.issues)).toEqual([['error', null, null, 'xlsx_unreadable']]);
		expect(r.issues[0].message.de).toMatch(/^Die Excel-Datei ist beschädigt oder unvollständig/);
	});
	it('PLZ and BFS geocoding: unknown numbers are errors, merged numbers warnings', async () => {
		const r = await run('customers', file('bad/customers_geocode.csv'));
		expect(where(r.issues)).toEqual([
			['warning', 3, 'bfs', 'bfs_merged'],
			['error', 4, 'plz', 'unknown_plz'],
			['error', 5, 'bfs', 'unknown_bfs']
		]);
		expect(r.result?.preview[1]).toMatchObject({ lon: 8.39219, lat: 47.11536, zone_id: 1065 });
	});
	it('an unquoted decimal comma in a comma CSV is reported on its row', async () => {
		const r = await run('staff', text('s.csv', 'person_id,unit,fte,office_id,lon,lat\nP1,AK,1,X,8.31,47.05\nP2,AK,0,8,X,8.31,47.05\n'));
		expect(where(r.issues).filter((i) => i[3] === 'extra_cells')).toEqual([['error', 3, null, 'extra_cells']]);
		expect(r.issues.find((i) => i.code === 'extra_cells')!.message.en).toBe('Row has 7 fields, the header 6: a delimiter inside a value? (e.g. a decimal comma in a comma CSV: quote the value).');
	});
	it('GeoJSON: LV95 coordinates are detected, non-point features are located errors', async () => {
		const fc = {
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', geometry: { type: 'Point', coordinates: [2_666_197, 1_211_393] }, properties: { site_id: 'A', name: 'A', capacity_workplaces: 1, area_m2: 500, cost_chf_m2_year: 1 } },
				{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[8, 47], [8.1, 47]] }, properties: { site_id: 'B', name: 'B', capacity_workplaces: 1, area_m2: 500, cost_chf_m2_year: 1 } }
			]
		};
		const r = await run('sites', text('sites.geojson', JSON.stringify(fc)));
		expect(where(r.issues)).toEqual([
			['warning', null, null, 'geojson_not_point'],
			['warning', null, 'lon', 'coords_converted'],
			['error', 2, 'lon', 'no_location']
		]);
		expect(r.issues[0].message.en).toBe('Geometry "LineString" (feature 2) gives no point: give a Point or a Polygon.');
		expect(r.result?.preview[0].zone_id).toBe(1061);
	});
	it('swapped lon/lat are said plainly; a zone table (WGS84 only) names a point given in LV95 or swapped, with its WGS84 value', async () => {
		const swapped = await run('staff', text('s.csv', 'person_id,unit,fte,office_id,lon,lat\nP1,AK,1,O1,47.05,8.3\nP2,AK,1,O1,47.06,8.31\n'));
		expect(swapped.issues.map((i) => i.message.de)).toEqual(['Die Koordinaten in «lon» stehen in vertauschter Reihenfolge, WGS84 (Länge/Breite vertauscht); so erkannt und richtig gelesen.']);
		const zones = await run('zones', text('z.csv', 'zone_id,name,canton,lon,lat\n1062,Malters,LU,2660000,1210000\n1063,Meggen,LU,47.08,8.37\n1064,Irgendwo,LU,12,50\n'));
		expect(zones.issues.map((i) => [i.row, i.code, i.message.en])).toEqual([
			[2, 'zone_point_not_wgs84', 'Point 2660000 / 1210000 is LV95 (EPSG:2056); this table takes WGS84 lon/lat: give 8.22809 / 47.03832.'],
			[3, 'zone_point_not_wgs84', 'Point 47.08 / 8.37 is WGS84 (lon/lat swapped); this table takes WGS84 lon/lat: give 8.37000 / 47.08000.'],
			[4, 'outside_switzerland', expect.stringContaining('Point 12 / 50 is not in Switzerland')]
		]);
	});
	it('a postcode with «CH-» before it is read; a foreign one gets a hint; a postcode that cannot be read is the row\'s one message', async () => {
		const r = await run('staff', text('s.csv', 'person_id,unit,fte,office_id,plz\nP1,AK,1,O1,CH-6003\nP2,AK,1,O1,D-78462\nP3,AK,1,O1,60030\n'));
		expect(r.result?.preview[0].zone_id).toBe(1061);
		expect(where(r.issues).filter((w) => w[1] !== 4)).toEqual([['error', 3, 'plz', 'bad_integer']]);
		expect(r.issues[0].message.en).toBe('"D-78462" is not valid; expected a whole number. A foreign postcode? The register holds Swiss postcodes only: give coordinates for a place abroad.');
		// A code is written as it is, not grouped as an amount.
		expect(r.issues.find((i) => i.code === 'out_of_range')?.message.en).toBe('60030 is outside the possible range 1000 to 9999.');
	});
	it('a byte order mark read as text before the first header («ï»¿person_id») is passed over, and said', async () => {
		const r = await run('staff', text('s.csv', '\u00ef\u00bb\u00bfperson_id,unit,fte,office_id,plz\nP1,AK,1,O1,6003\n'));
		expect(where(r.issues)).toEqual([['warning', null, 'ï»¿person_id', 'bom_as_text']]);
		expect(r.result?.preview[0].person_id).toBe('P1');
	});
	it('a point just outside every municipality (a lake shore) gets the nearest; one out on the lake none; both are said', async () => {
		const r = await run('staff', text('s.csv', 'person_id,unit,fte,office_id,lon,lat\nP1,AK,1,O1,8.31,47.01\nP2,AK,1,O1,8.4167,47.0167\nP3,AK,1,O1,8.3,47.05\n'));
		expect(r.result?.preview.map((p) => p.zone_id)).toEqual([1058, null, 1061]);
		expect(where(r.issues)).toEqual([['warning', null, 'lon', 'zone_nearest'], ['warning', null, 'lon', 'zone_none']]);
		expect(r.issues[1].message.en).toBe('One point lies in no municipality of the area (on a lake, or more than 300 m outside the region\'s municipalities): read without a municipality. Without one there are no travel times: the assessment counts these points as "without travel time".');
	});
	it('GeoJSON: an area (a parcel) is read as a point inside it, with a warning; a single Feature is a collection of one; a null feature is named', async () => {
		const props = { site_id: 'P', name: 'Parzelle', capacity_workplaces: 1, area_m2: 500, cost_chf_m2_year: 1 };
		// An L-shaped parcel in Kriens: its centroid lies outside, the point read lies inside.
		const ring = [[8.27, 47.03], [8.29, 47.03], [8.29, 47.032], [8.272, 47.032], [8.272, 47.05], [8.27, 47.05], [8.27, 47.03]];
		const area = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: props };
		const r = await run('sites', text('sites.geojson', JSON.stringify({ type: 'FeatureCollection', features: [area] })));
		expect(where(r.issues)).toEqual([['warning', null, null, 'geojson_area_point']]);
		const p = r.result!.preview[0];
		expect(booleanPointInPolygon([p.lon as number, p.lat as number], { type: 'Polygon', coordinates: [ring] })).toBe(true);
		const one = await run('sites', text('site.geojson', JSON.stringify({ ...area, geometry: { type: 'Point', coordinates: [8.3, 47.05] } })));
		expect([one.result?.preview.length, one.issues]).toEqual([1, []]);
		const bad = await run('sites', text('sites.geojson', JSON.stringify({ type: 'FeatureCollection', features: [area, null] })));
		expect(bad.issues.map((i) => [i.code, i.message.en])).toEqual([['geojson_unreadable', 'Feature 2 is no GeoJSON feature (an object with "geometry" and "properties" as objects): null.']]);
	});
	it('a user mapping naming a column the file lacks is an error', async () => {
		const parsed = await parseFile(file('good/staff.csv'));
		const r = await validateAndType('staff', parsed, { fte: 'Pensum' }, refs);
		expect(where(r.issues)).toEqual([
			['error', null, null, 'missing_column'],
			['error', null, 'Pensum', 'mapping_unknown_header'],
			['warning', null, 'fte', 'unmapped_column']
		]);
	});
	it('hostile long cells (100,000 characters that make number, percent, postcode and address patterns backtrack) are refused at once, named by row and column', async () => {
		const spaces = 'a' + ' '.repeat(50_000) + 'b' + ' '.repeat(49_000) + 'c';
		const digits = '1'.repeat(99_999) + 'x';
		const plz = '6003 a' + ' '.repeat(50_000) + 'b' + ' '.repeat(49_000) + '\u0001';
		const csv = `person_id;unit;fte;office_id;plz;address\nP1;IV;${spaces};LU-01;${plz};${digits}\nP2;IV;${digits};LU-01;6003;${'1 '.repeat(49_000)}x\n`;
		const r = await run('staff', text('staff.csv', csv));
		expect(where(r.issues).filter(([s]) => s === 'error')).toEqual([
			['error', 2, 'fte', 'bad_number'],
			['error', 3, 'fte', 'bad_number'],
			['error', 2, 'plz', 'bad_integer'],
			['error', 2, 'address', 'address_not_located'] // its text is no address: no postcode to fall back to
		]);
		expect(r.issues.find((i) => i.code === 'address_not_located')?.message.de).toContain('…');
	});
	it('caps the issue list and counts the rest', async () => {
		const body = Array.from({ length: 1000 }, (_, i) => `P${i},AK,zero,X,8.31,47.05`).join('\n');
		const parsed = await parseFile(text('s.csv', 'person_id,unit,fte,office_id,lon,lat\n' + body));
		const r = await validateAndType('staff', parsed, {}, refs, { maxIssues: 50 });
		expect(r.stats.errors).toBe(1000);
		expect(r.issues.length).toBe(51);
		expect(r.issues.at(-1)).toMatchObject({ code: 'truncated', row: null });
		expect(r.issues.at(-1)!.message.en).toBe('… and 950 more errors (1000 in total)');
		expect(r.issues[49].row).toBe(51);
	});
});

describe('commit to DuckDB', () => {
	it('commits exactly the schema columns and types; a failed import leaves the previous data untouched', async () => {
		const db = await openNodeDb();
		const good = await run('staff', file('good/staff.csv'));
		expect(await commitImport(db, 'staff', good.result!)).toBe(3);
		const types = await rows<{ column_name: string; data_type: string }>(db, "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'staff' ORDER BY column_index");
		expect(types.map((t) => `${t.column_name}:${t.data_type}`)).toEqual(['person_id:VARCHAR', 'unit:VARCHAR', 'fte:DOUBLE', 'office_id:VARCHAR', 'mode:VARCHAR', 'lon:DOUBLE', 'lat:DOUBLE', 'zone_id:BIGINT', 'geocode_quality:VARCHAR']);

		const bad = await run('staff', file('bad/staff_duplicates.csv'));
		await expect(commitImport(db, 'staff', bad.result!)).rejects.toBeInstanceOf(ImportRefused);
		// A folder with one bad file commits nothing, not even the good files.
		const f = await loadDataFolder(db, [file('bad/staff_duplicates.csv', 'staff.csv'), file('good/sites.geojson')], { refs });
		expect(f.committed).toBe(false);
		expect(f.errors).toBe(1);
		expect((await rows(db, 'SELECT person_id, fte, zone_id FROM staff ORDER BY 1'))).toEqual([
			{ person_id: 'P1', fte: 1, zone_id: 1061 },
			{ person_id: 'P2', fte: 0.8, zone_id: 1059 },
			{ person_id: 'P3', fte: 0.5, zone_id: 1024 }
		]);
		expect((await rows(db, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'sites'"))[0].n).toBe(0);
		await db.close();
	});

	it('loads a folder of mixed formats by file name', async () => {
		const db = await openNodeDb();
		const files = ['good/staff.csv', 'good/offices.xlsx', 'good/customers.parquet', 'good/sites.geojson'].map((f) => file(f));
		const r = await loadDataFolder(db, files, { refs });
		expect(r.committed).toBe(true);
		expect(r.errors).toBe(0);
		const n = await rows(db, "SELECT (SELECT count(*) FROM staff) s, (SELECT count(*) FROM offices) o, (SELECT count(*) FROM customers) c, (SELECT count(*) FROM sites) t");
		expect(n).toEqual([{ s: 3, o: 2, c: 3, t: 2 }]);
		expect((await rows(db, "SELECT lease_end, keep FROM offices WHERE office_id = 'RAV-SURS'"))).toEqual([{ lease_end: '2030-12-31', keep: true }]);
		await db.close();
	});
});

describe('mutated files never crash (small seeded fuzz; the full corpus is issue 6)', () => {
	it('every mutation ends in a result or a file-level issue', async () => {
		const rng = createRng(42);
		const sources: [TableName, string][] = [['staff', 'good/staff.csv'], ['offices', 'good/offices.xlsx'], ['customers', 'good/customers.parquet'], ['sites', 'good/sites.geojson']];
		let fileLevel = 0;
		for (const [table, rel] of sources) {
			const orig = file(rel).bytes;
			for (let k = 0; k < 25; k++) {
				const b = orig.slice(0, k % 5 === 0 ? rng.int(orig.length) : orig.length);
				for (let m = rng.int(8); m >= 0 && b.length; m--) b[rng.int(b.length)] = rng.int(256);
				const r = await importFile(table, { fileName: path.basename(rel), bytes: b }, { refs });
				expect(r.result !== null || r.issues.length === 1).toBe(true);
				for (const i of r.issues) {
					expect(i.message.de.length).toBeGreaterThan(0);
					expect(i.message.en.length).toBeGreaterThan(0);
				}
				if (!r.result) fileLevel++;
			}
		}
		expect(fileLevel).toBeGreaterThan(0);
	});
});

describe('categorical values in the words users write', () => {
	it('reads German, French and English words for customer groups, modes and tenure; names the choices with a German word', async () => {
		const cust = await run('customers', text('k.csv', 'PLZ;Kundengruppe;Anzahl;Besuche pro Jahr\n6003;Arbeitgebende;120;2\n6010;Versicherte Personen;300;1,5\n6020;Stellensuchende;80;12\n6020;demandeurs d’emploi;3;2\n6020;RAV;5;3\n'));
		expect(cust.result!.preview.map((p) => p.group)).toEqual(['employer', 'insured', 'jobseeker', 'jobseeker', null]);
		expect(where(cust.issues)).toEqual([['error', 6, 'Kundengruppe', 'not_allowed']]);
		expect(cust.issues[0].message.de).toBe('«RAV» ist nicht erlaubt; erlaubt: employer (arbeitgeber), insured (versicherte), jobseeker (stellensuchende).');
		const staff = await run('staff', text('s.csv', 'id;unit;fte;office_id;plz;Verkehrsmittel\n1;AK;1;LU-01;6003;ÖV\n2;AK;1;LU-01;6003;Auto\n3;AK;1;LU-01;6003;Velo\n4;AK;1;LU-01;6003;zu Fuss\n5;AK;1;LU-01;6003;PT\n'));
		expect(staff.result!.preview.map((p) => p.mode)).toEqual(['pt', 'car', 'bike', 'walk', 'pt']);
		const sites = await run('sites', text('x.csv', 'site_id;name;capacity_workplaces;area_m2;cost_chf_m2_year;plz;Rechtsform\nA;A;600;9000;300;6010;Baurecht\nB;B;600;9000;300;6010;Miete\nC;C;600;9000;300;6010;build right\n'));
		expect(sites.result!.preview.map((p) => p.tenure)).toEqual(['build_right', 'rent', 'build_right']);
		// A travel-time matrix allows pt and car only: "Velo" is no mode there.
		const tt = await run('travel_times', text('t.csv', 'zone_id;destination_id;mode;minutes\n1061;A;ÖV;12\n1061;A;Velo;20\n'));
		expect(where(tt.issues)).toEqual([['error', 3, 'mode', 'not_allowed']]);
	});
});

describe('numbers with their unit, dates that cannot be read', () => {
	it('reads a number followed by its column\'s unit, not by another one', async () => {
		const csv = 'office_id;name;area_m2;rent_chf_year;notice_months;plz\nA;A;1\'200 m²;300\'000 CHF/Jahr;6 Monate;6003\nB;B;800m2;CHF 250\'000.–;3 Mte;6003\nC;C;900 qm;120000 p.a.;6 km;6003\n';
		const r = await run('offices', text('o.csv', csv));
		expect(r.result!.preview.map((p) => [p.area_m2, p.rent_chf_year, p.notice_months])).toEqual([
			[1200, 300000, 6],
			[800, 250000, 3],
			[900, 120000, null]
		]);
		expect(where(r.issues)).toEqual([['error', 4, 'notice_months', 'bad_integer']]);
	});
	it('reads visit frequencies written in words: monatlich, wöchentlich, 2x pro Monat, 3 mal im Quartal, täglich = 250 working days', async () => {
		const csv = 'PLZ;Kundengruppe;Besuche\n6003;Versicherte;monatlich\n6003;Versicherte;Wöchentlich\n6003;Versicherte;2x pro Monat\n6003;Versicherte;3 mal im Quartal\n6003;Versicherte;1,5 pro Monat\n6003;Versicherte;täglich\n6003;Versicherte;ab und zu\n';
		const r = await run('customers', text('k.csv', csv));
		expect(r.result!.preview.map((p) => p.visits_per_year)).toEqual([12, 52, 24, 12, 18, 250, null]);
		const perYear = await run('customers', text('k.csv', 'PLZ;Kundengruppe;Besuche\n6003;Versicherte;12 pro Jahr\n6003;Versicherte;12x/Jahr\n6003;Versicherte;12 mal pro Jahr\n6003;Versicherte;12 p.a.\n'));
		expect(perYear.result!.preview.map((p) => p.visits_per_year)).toEqual([12, 12, 12, 12]);
		expect(where(r.issues)).toEqual([['error', 8, 'Besuche', 'bad_number']]);
		// «1,500 pro Monat» could be 1.5 or 1500 a month: refused, not guessed.
		const either = await run('customers', text('k.csv', 'PLZ;Kundengruppe;Besuche\n6003;Versicherte;1,500 pro Monat\n6003;Versicherte;1.500 pro Monat\n6003;Versicherte;1,50 pro Monat\n'));
		expect(where(either.issues)).toEqual([['error', 2, 'Besuche', 'bad_number'], ['error', 3, 'Besuche', 'bad_number']]);
		expect(either.result!.preview[2].visits_per_year).toBe(18);
	});
	it('a lease end of 31.12.9999 (the mark for «open-ended») is read as empty, with a warning: the lease ends after its notice', async () => {
		const r = await run('offices', text('o.csv', 'office_id;name;area_m2;rent_chf_year;lease_end;plz\nA;A;800;100000;31.12.9999;6003\nB;B;900;120000;9999-12-31;6003\nC;C;900;120000;31.03.2027;6003\n'));
		expect(r.result?.preview.map((p) => p.lease_end)).toEqual([null, null, '2027-03-31']);
		expect(where(r.issues).filter((w) => w[3] !== 'address_directory_missing')).toEqual([['warning', null, 'lease_end', 'date_open_end']]);
	});
	it('says what an unreadable date probably is: an Excel serial number, slashes, a year alone', async () => {
		const csv = 'office_id;name;area_m2;rent_chf_year;lease_end;plz\nA;A;100;1;46387;6003\nB;B;100;1;12/31/2027;6003\nC;C;100;1;Dez 2027;6003\nD;D;100;1;morgen;6003\n';
		const r = await run('offices', text('o.csv', csv));
		expect(where(r.issues).map((w) => w[3])).toEqual(['bad_date', 'bad_date', 'bad_date', 'bad_date']);
		const msg = r.issues.map((i) => i.message.de);
		expect(msg[0]).toContain('Excel-Seriennummer? Das wäre der 31.12.2026');
		expect(msg[1]).toContain('Tag oder Monat zuerst');
		expect(msg[2]).toContain('Ein Tag fehlt');
		expect(msg[3]).toBe('«morgen» ist keine gültige Angabe; erwartet: ein Datum (JJJJ-MM-TT oder TT.MM.JJJJ).');		// A quarter or half year is a period too: the day is missing.
		const periods = await run('offices', text('o.csv', 'office_id;name;area_m2;rent_chf_year;lease_end;plz\nA;A;100;1;Q3 2025;6003\nB;B;100;1;2. Quartal 2026;6003\nC;C;100;1;H2 2027;6003\n'));
		expect(periods.issues.map((i) => [i.row, i.message.de.includes('Ein Tag fehlt')])).toEqual([
			[2, true],
			[3, true],
			[4, true]
		]);
	});
});

describe('XLSX as people keep it', () => {
	it('rows hidden in the sheet (a filter) are read all the same, and said so with their row numbers', async () => {
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Personal');
		ws.addRow(['person_id', 'unit', 'fte', 'office_id', 'plz']);
		for (let i = 1; i <= 7; i++) ws.addRow([`P${i}`, i % 2 ? 'AK' : 'IV', 1, 'LU-01', 6003]);
		ws.getRow(3).hidden = true;
		ws.getRow(6).hidden = true;
		const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
		const r = await run('staff', { fileName: 'personal.xlsx', bytes });
		expect(r.result?.stats.rows).toBe(7);
		expect(where(r.issues)).toEqual([['warning', null, null, 'hidden_rows_read']]);
		expect(r.issues[0].message.de).toBe('2 Zeilen (3, 6) sind im Tabellenblatt ausgeblendet (etwa durch einen Filter) und wurden trotzdem gelesen. Soll eine nicht zählen: in Excel löschen, nicht nur ausblenden.');
		ws.getRow(6).hidden = false;
		const one = await run('staff', { fileName: 'personal.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
		expect(one.issues[0].message.en).toBe('Row 3 is hidden in the worksheet (by a filter, say) and was read all the same. If it should not count: delete it in Excel, do not just hide it.');
	});
	it('values right of the table are named as such (no delimiter to blame); a header Excel keeps as a date is named by its date', async () => {
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Kunden');
		ws.addRow(['group', 'visits_per_year', 'plz', new Date(Date.UTC(2025, 0, 1))]);
		ws.addRow(['insured', 2, 6003, 5, null, 'Notiz']);
		const r = await run('customers', { fileName: 'kunden.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
		expect(where(r.issues)).toEqual([
			['warning', null, '2025-01-01', 'unmapped_column'],
			['error', 2, null, 'extra_cells']
		]);
		expect(r.issues[1].message.en).toBe('Row has values right of the table (up to column 6, the header has 4): give them a name in the header row or delete the cells.');
	});
	it('instructions on the first sheet: the missing columns name the other sheets', async () => {
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		wb.addWorksheet('Anleitung').addRow(['Bitte die Daten im Blatt «Daten» erfassen.']);
		const data = wb.addWorksheet('Daten');
		data.addRow(['person_id', 'unit', 'fte', 'office_id', 'plz']);
		data.addRow(['P1', 'AK', 1, 'LU-01', 6003]);
		const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
		const r = await run('staff', { fileName: 'personal.xlsx', bytes });
		expect(r.issues.find((i) => i.code === 'other_sheets')?.message.de).toBe('Die Arbeitsmappe hat weitere Tabellenblätter: «Daten». Steht die Tabelle dort, das Blatt wählen (App: Tabellenblatt; CLI: --sheet).');
		const chosen = await validateAndType('staff', await parseFile({ fileName: 'personal.xlsx', bytes }, { sheet: 'Daten' }), {}, refs);
		expect(chosen.issues.map((i) => i.code)).toEqual([]);
	});
	it('two columns for one field (a hidden «Miete 2019» beside «Miete 2025»): the one read and the one not are named, hidden columns too', async () => {
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Büros');
		ws.addRow(['office_id', 'name', 'area_m2', 'Miete 2019', 'Miete 2025', 'plz']);
		ws.addRow(['A', 'A', 800, 150_000, 240_000, 6003]);
		ws.getColumn(4).hidden = true;
		const r = await run('offices', { fileName: 'bueros.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
		expect(where(r.issues).filter((w) => w[3] !== 'address_directory_missing')).toEqual([
			['warning', null, null, 'hidden_columns'],
			['warning', null, 'Miete 2025', 'column_rival']
		]);
		expect(r.issues[0].message.en).toBe('Column "Miete 2019" is hidden in the worksheet. Hidden columns are read like the others where their name fits: check the mapping.');
		expect(r.issues[1].message.de).toBe('Spalte «Miete 2025» passt wie «Miete 2019» zu «rent_chf_year»; gelesen wird «Miete 2019», «Miete 2025» nicht. Ist es die falsche, in der Zuordnung «Miete 2025» wählen (CLI: die andere Spalte umbenennen).');
		// A postcode column twice, by alias: the same.
		const csv = await run('staff', text('s.csv', 'person_id,unit,fte,office_id,PLZ,Postleitzahl\nP1,AK,1,O1,6003,8000\n'));
		expect(where(csv.issues)).toEqual([['warning', null, 'Postleitzahl', 'column_rival']]);
	});
});

describe('sum rows («Total», «Summe»)', () => {
	it('a sum row at the end of a list, or of each block, is skipped with a warning; its sum neither counts nor decides the Pensum in percent', async () => {
		const csv = 'Personal-Nr;Einheit;Pensum;Arbeitsort;PLZ\nP1;AK;80;LU-01;6003\nP2;AK;100;LU-01;6010\nTotal AK;;180;;\nP3;IV;60;LU-02;6004\nZwischensumme:;;60;;\n;;;;\nGesamttotal;;240;;\n';
		const r = await run('staff', text('personal.csv', csv));
		expect(where(r.issues)).toEqual([
			['warning', null, 'Pensum', 'read_as_percent'],
			['warning', 4, 'Personal-Nr', 'sum_row'],
			['warning', 6, 'Personal-Nr', 'sum_row'],
			['warning', 8, 'Personal-Nr', 'sum_row']
		]);
		expect(r.issues[1].message.de).toBe('Summenzeile («Total AK») nicht eingelesen: sie zählt die Zeilen darüber zusammen und ist kein eigener Eintrag.');
		expect(r.result?.stats.rows).toBe(3);
		expect(r.result?.preview.map((p) => [p.person_id, p.fte])).toEqual([['P1', 0.8], ['P2', 1], ['P3', 0.6]]);
	});
	it('a whole record called «Total» is read; a label in a number column or a row without any place is a sum row too', async () => {
		const csv = 'customer_id,group,count,visits_per_year,plz\nTotal,insured,5,1,6003\nC2,insured,7,1,6004\nSumme,insured,12,1,\n';
		const r = await run('customers', text('k.csv', csv));
		expect(where(r.issues)).toEqual([['warning', 4, 'customer_id', 'sum_row']]);
		expect(r.result?.preview.map((p) => p.customer_id)).toEqual(['Total', 'C2']);
		const zones = await run('zones', text('z.csv', 'zone_id,name,canton,lon,lat,population\n1061,Luzern,LU,8.31,47.05,82000\nTotal,,,,,82000\n'));
		expect(where(zones.issues)).toEqual([['warning', 3, 'zone_id', 'sum_row']]);
	});
	it('a sum row without a label (numbers only, no record) is skipped when each number is the sum above; other rows of numbers stay errors', async () => {
		const head = 'Personal-Nr;Einheit;Pensum;Arbeitsort;PLZ\n';
		const staff = head + 'P1;AK;80;LU-01;6003\nP2;AK;100;LU-01;6010\nP3;IV;50;LU-02;6004\n;;230;;\n';
		const r = await run('staff', text('personal.csv', staff));
		// The 230 does not decide the unit: the Pensum is still read in percent.
		expect(where(r.issues)).toEqual([
			['warning', null, 'Pensum', 'read_as_percent'],
			['warning', 5, 'Pensum', 'sum_row']
		]);
		expect(r.issues[1].message.de).toBe('Summenzeile ohne Bezeichnung nicht eingelesen: nur Zahlen, jede die Summe der 3 Zeilen darüber.');
		expect(r.result?.preview.map((p) => p.fte)).toEqual([0.8, 1, 0.5]);
		// A row of numbers that adds up nothing (shares and percentages mixed above it) stays an error, and
		// does not decide the unit either: «80» is still 80 %.
		const mixed = await run('staff', text('personal.csv', head + 'P1;AK;1/2;LU-01;6003\nP2;AK;80;LU-01;6010\nP3;IV;Vollzeit;LU-02;6004\n;;230;;\n'));
		expect(mixed.result?.preview.map((p) => p.fte)).toEqual([0.5, 0.8, 1, 2.3]);
		expect(where(mixed.issues).filter((w) => w[3] === 'sum_row')).toEqual([]);
		expect(new Set(mixed.issues.filter((i) => i.severity === 'error').map((i) => i.row))).toEqual(new Set([5]));
		// Subtotals per block and the grand total; a row of numbers that adds up nothing stays an error.
		const blocks = 'plz,group,count,visits_per_year\n6003,insured,10,2\n6004,insured,5,2\n,,15,\n6010,employer,7,1\n6005,employer,3,1\n,,10,\n,,25,\n,,99,\n';
		const b = await run('customers', text('k.csv', blocks));
		expect(where(b.issues).filter((w) => w[3] === 'sum_row').map((w) => w[1])).toEqual([4, 7, 8]);
		expect(new Set(b.issues.filter((i) => i.severity === 'error').map((i) => i.row))).toEqual(new Set([9]));
		expect(b.issues.find((i) => i.row === 8)?.message.en).toBe('Sum row without a label not read: numbers only, each the sum of the 4 rows above.');
		expect(b.result?.stats.rows).toBe(5);
		// A record with gaps whose number happens to equal one row above is no sum (two rows at least).
		const one = await run('customers', text('k.csv', 'plz,group,count,visits_per_year\n6003,insured,10,2\n,,10,\n'));
		expect(where(one.issues).filter((w) => w[3] === 'sum_row')).toEqual([]);
	});
	it('the same in an XLSX sheet, the sum as a formula', async () => {
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Büros');
		ws.addRow(['office_id', 'name', 'area_m2', 'workplaces', 'rent_chf_year', 'lease_end', 'plz']);
		ws.addRow(['B1', 'Büro 1', 1000, 40, 300000, '2027-03-31', 6003]);
		ws.addRow(['B2', 'Büro 2', 500, 20, 150000, '2028-03-31', 6010]);
		ws.addRow(['Total', null, { formula: 'SUM(C2:C3)', result: 1500 }, { formula: 'SUM(D2:D3)', result: 60 }, { formula: 'SUM(E2:E3)', result: 450000 }, null, null]);
		const r = await run('offices', { fileName: 'bueros.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
		expect(where(r.issues).filter((w) => w[0] === 'error' || w[3] === 'sum_row')).toEqual([['warning', 4, 'office_id', 'sum_row']]);
		expect(r.result?.stats.rows).toBe(2);
	});
});

describe('a staff list as HR keeps it', () => {
	it('«Wohnort PLZ» beside a bare «PLZ» places the person at home; names without an id column are named in the error, never read', async () => {
		const csv = 'Name;Vorname;Abteilung;Pensum;Arbeitsort;PLZ;Wohnort PLZ\nMeier;Anna;IV;50%;IV-LAND35;6005;6003\nMüller;Beat;AK;100%;AK-WUERZ8;;6010\n';
		const r = await run('staff', text('hr.csv', csv));
		expect(r.result?.mapping.plz).toBe('Wohnort PLZ');
		expect(where(r.issues)).toEqual([
			['error', null, null, 'missing_column'],
			['warning', null, 'Name', 'unmapped_column'],
			['warning', null, 'Vorname', 'unmapped_column'],
			['warning', null, 'PLZ', 'column_rival'],
			['warning', null, 'Pensum', 'read_as_percent']
		]);
		expect(r.issues[0].message.de).toContain('Namen (Name, Vorname) werden nicht gelesen und nicht gebraucht (Datenschutz)');
		const withId = await run('staff', text('hr.csv', csv.replace('Name;', 'Pers-Nr;').replace('Meier;', 'P1;').replace('Müller;', 'P2;')));
		expect(withId.result?.preview.map((p) => [p.person_id, p.zone_id])).toEqual([['P1', 1061], ['P2', 1059]]);
		// A Pensum as a fraction, as some HR lists write part-time; beside percentages too.
		const frac = await run('staff', text('hr.csv', 'id;unit;Pensum;office_id;plz\n1;AK;1/2;X;6003\n2;AK;¾;X;6003\n3;AK;80 %;X;6003\n4;AK;3/2;X;6003\n'));
		expect(frac.result?.preview.map((p) => p.fte)).toEqual([0.5, 0.75, 0.8, null]);
		expect(where(frac.issues).filter((w) => w[0] === 'error')).toEqual([['error', 5, 'Pensum', 'bad_number']]);
		// Beside bare percentages: a fraction is a share whatever the others are, so it does not decide the unit.
		const mixed = await run('staff', text('hr.csv', 'id;unit;Pensum;office_id;plz\n1;AK;1/2;X;6003\n2;AK;80;X;6003\n3;AK;100;X;6003\n4;AK;½;X;6003\n5;AK;Vollzeit;X;6003\n6;AK;Teilzeit;X;6003\n'));
		expect(mixed.result?.preview.map((p) => p.fte)).toEqual([0.5, 0.8, 1, 0.5, 1, null]);
		expect(where(mixed.issues)).toEqual([['warning', null, 'Pensum', 'read_as_percent'], ['error', 7, 'Pensum', 'bad_number']]);
		expect(mixed.issues[1].message.de).toContain('Teilzeit nennt keinen Anteil');
	});
});

describe('a list of offices as a facility manager keeps it', () => {
	it('names only (id and name from one column), the rent per month (× 12), notice in years or «Mte.», amounts with CHF and «.–»', async () => {
		const csv = "Standort;Adresse;Fläche m2;Arbeitsplätze;Miete pro Monat;Mietende;Kündigungsfrist;PLZ\nIV Luzern;Landenbergstrasse 35;5800;215;CHF 154'667;31.03.2026;12 Monate;6005\nAK;Würzenbachstrasse 8;5100 m²;195;131750.-;30.6.2026;1 Jahr;6006\nRAV;Bahnhofstr. 1;800;40;Fr. 20'000.–;31.12.2027;6 Mte.;6210\n";
		const r = await run('offices', text('bueros.csv', csv));
		expect(where(r.issues).filter((w) => w[0] === 'error' || w[3] !== 'address_directory_missing')).toEqual([
			['warning', null, 'Standort', 'shared_column'],
			['warning', null, 'Miete pro Monat', 'per_month']
		]);
		expect(r.issues[0].message.de).toBe('Keine eigene Spalte für «office_id»: «Standort» dient als Bezeichnung und als ID. In der Liste der Mitarbeitenden den Arbeitsort gleich schreiben.');
		expect(r.result?.preview.map((p) => [p.office_id, p.name, p.rent_chf_year, p.notice_months])).toEqual([
			['IV Luzern', 'IV Luzern', 154_667 * 12, 12],
			['AK', 'AK', 131_750 * 12, 12],
			['RAV', 'RAV', 240_000, 6]
		]);
		// A monthly rent out of range is quoted per month, as the file writes it.
		const dear = await run('offices', text('teuer.csv', 'office_id;name;area_m2;Monatsmiete\nA;A;800;20000\nB;B;900;5000000\n'));
		expect(dear.issues.find((i) => i.code === 'unusual_value')?.message.de).toBe(
			"5'000'000 pro Monat (× 12 = 60'000'000 CHF/Jahr) ist ungewöhnlich für «rent_chf_year» (üblich: 0 bis 50'000'000 CHF/Jahr). Prüfen, dann bestätigen, oder korrigieren (z. B. drei Nullen zu viel?)."
		);
	});
	it('a month word maps only a figure counted per year; a list of sites by number gets the number as its name', async () => {
		expect(suggestMapping('offices', ['office_id', 'name', 'Mietende Monat', 'Monatsmiete', 'area_m2']).mapping).toMatchObject({ rent_chf_year: 'Monatsmiete' });
		expect(suggestMapping('offices', ['office_id', 'name', 'Mietende Monat']).mapping.lease_end).toBeUndefined();
		expect(suggestMapping('customers', ['group', 'Besuche pro Monat', 'plz']).mapping.visits_per_year).toBe('Besuche pro Monat');
		// The figures of one year are per year; a year beside anything else maps nothing.
		expect(suggestMapping('customers', ['group', 'Schalterbesuche 2024', 'plz']).mapping.visits_per_year).toBe('Schalterbesuche 2024');
		expect(suggestMapping('offices', ['office_id', 'name', 'Mietende 2026']).mapping.lease_end).toBeUndefined();
		const s = suggestMapping('sites', ['Nr.', 'Gemeinde', 'Kapazität', 'Fläche', 'Kosten pro m2']);
		expect([s.mapping.site_id, s.mapping.name, s.shared, s.missing]).toEqual(['Nr.', 'Nr.', { column: 'name', from: 'site_id' }, []]);
		// A person is never named by an id column, nor an id taken from names: staff have no name column.
		expect(suggestMapping('staff', ['Name', 'unit', 'fte', 'office_id', 'plz']).missing).toEqual(['person_id']);
	});
});

describe('a list of sites as a broker sends it', () => {
	it('«Bezug ab» maps, «sofort» there is no wait (read as empty, said once), «Kauf/Miete» is the tenure column', async () => {
		const csv = 'Objekt;Gemeinde;Fläche (m²);Mietzins CHF/m²/Jahr;Bezug ab;Arbeitsplätze;Kauf/Miete\nEichhof-West;Kriens;17500;35;1.7.2025;700;Kauf\nRösslimatt;Luzern;11000;345;ab sofort;450;Miete\nRoot D4;Root;15400;210;Sofort;640;Baurecht\n';
		const r = await run('sites', text('objekte.csv', csv));
		expect(r.result?.mapping).toMatchObject({ site_id: 'Objekt', name: 'Objekt', available_from: 'Bezug ab', tenure: 'Kauf/Miete' });
		expect(where(r.issues)).toEqual([
			['warning', null, 'Objekt', 'shared_column'],
			['warning', null, 'Bezug ab', 'date_now']
		]);
		expect(r.issues[1].message.de).toBe('Spalte «Bezug ab»: «ab sofort» (2 Zeilen, erste in Zeile 3) heisst ohne Wartezeit, also ab dem Umzugstermin des Szenarios; als leer gelesen.');
		expect(r.result?.preview.map((p) => [p.available_from, p.tenure])).toEqual([['2025-07-01', 'buy'], [null, 'rent'], [null, 'build_right']]);
		// «sofort» is no date where it would mean something else (a lease that ends now).
		const o = await run('offices', text('o.csv', 'office_id;name;area_m2;rent_chf_year;lease_end;plz\nA;A;100;1000;sofort;6003\n'));
		expect(where(o.issues)).toEqual([['error', 2, 'lease_end', 'bad_date']]);
	});
});

describe('customer counts as a pivot table', () => {
	it('groups as columns side by side are named in the missing group error with how to turn them into rows', async () => {
		const r = await run('customers', text('k.csv', 'PLZ;Ort;Versicherte;Arbeitgebende;Stellensuchende\n6003;Luzern;1200;80;300\n'));
		const group = r.issues.find((i) => i.code === 'missing_column' && i.message.en.startsWith('Required column "group"'));
		expect(group?.message.de).toContain('Die Spalten Versicherte, Arbeitgebende, Stellensuchende sind Werte von «group» nebeneinander');
	});
});

describe('zone_id beside coordinates', () => {
	it('a zone_id clearly elsewhere than the point is warned of with both municipalities and kept; one a few metres across a border passes', async () => {
		const csv = 'person_id;unit;fte;office_id;lon;lat;zone_id\nP1;AK;1;X;8.3093;47.0502;1061\nP2;AK;1;X;8.3093;47.0502;1103\nP3;AK;1;X;8.2811;47.0690;1024\n';
		const r = await run('staff', text('s.csv', csv));
		expect(where(r.issues)).toEqual([['warning', 3, 'zone_id', 'zone_not_at_point']]);
		expect(r.issues[0].message.de).toMatch(/^zone_id Sursee \(1103\) passt nicht zu den Koordinaten: der Punkt liegt in Luzern \(1061\), \d+\.\d km von Sursee entfernt\. Die Zeile zählt zu zone_id 1103; Koordinaten oder BFS-Nr\. prüfen\.$/);
		expect(r.result?.preview.map((p) => p.zone_id)).toEqual([1061, 1103, 1024]);
	});
});

describe('postcode beside coordinates', () => {
	it('a postcode whose municipalities lie clearly elsewhere than the point is warned of and the point kept; across a border by metres passes', async () => {
		// P2: Sursee's postcode at a point in Luzern; P3: Emmenbrücke's 6020 (Emmen) 64 m across the border in Luzern;
		// P4: 6003 at a point in Zürich, outside the region's municipalities; P5: a postcode not in the register (no check).
		const csv = 'person_id;unit;fte;office_id;lon;lat;PLZ\nP1;AK;1;X;8.3093;47.0502;6003\nP2;AK;1;X;8.3093;47.0502;6210\nP3;AK;1;X;8.2811;47.0690;6020\nP4;AK;1;X;8.54;47.37;6003\nP5;AK;1;X;8.3093;47.0502;1200\n';
		const r = await run('staff', text('s.csv', csv));
		expect(where(r.issues)).toEqual([
			['warning', null, 'lon', 'zone_none'],
			['warning', 3, 'PLZ', 'plz_not_at_point'],
			['warning', 5, 'PLZ', 'plz_not_at_point']
		]);
		expect(r.issues[1].message.de).toMatch(/^PLZ 6210 \(Sursee\) passt nicht zu den Koordinaten: der Punkt liegt in Luzern \(1061\), 19\.\d km von jeder Gemeinde dieser PLZ entfernt\. Die Zeile zählt am Punkt; Koordinaten oder PLZ prüfen\.$/);
		expect(r.issues[2].message.en).toMatch(/^Postcode 6003 \(Luzern\) does not match the coordinates: the point lies outside the region's municipalities, 3\d\.\d km from every municipality of this postcode\./);
		expect(r.result?.preview.map((p) => [p.lon, p.zone_id])).toEqual([
			[8.3093, 1061],
			[8.3093, 1061],
			[8.2811, 1061],
			[8.54, null],
			[8.3093, 1061]
		]);
	});
	it('a postcode out of range has one message, not a second one for not being in the register', async () => {
		const r = await run('staff', text('s.csv', 'person_id;unit;fte;office_id;plz\nP1;AK;1;X;99999\nP2;AK;1;X;600\nP3;AK;1;X;6999\n'));
		expect(where(r.issues)).toEqual([
			['error', 2, 'plz', 'out_of_range'],
			['error', 3, 'plz', 'out_of_range'],
			['error', 4, 'plz', 'unknown_plz']
		]);
	});
	it('every locality point of the postcode register passes with its own postcode (2026 municipalities), but for an exclave beyond the region', () => {
		const register = readFileSync(path.resolve(__dirname, '../../data/plz_ortschaften_lu_region_2022.csv'), 'utf8').trim().split('\n').slice(1);
		const far: string[] = [];
		let checked = 0;
		for (const line of register) {
			const [name, plz, , , , , lon, lat] = line.split(',');
			const d = distanceToPostcodeM(refs.plz!, refs.zones!, Number(plz), Number(lon), Number(lat));
			if (d === null) continue;
			checked++;
			if (d > 500) far.push(name);
		}
		expect(checked).toBeGreaterThan(1100);
		// Kloster Fahr: an exclave of Würenlos (AG) inside Zurich, beyond the region's polygons.
		expect(far).toEqual(['Kloster Fahr']);
	});
});

describe('sum labels', () => {
	it('are told from names that begin alike', () => {
		for (const yes of ['Total', 'TOTAL', 'total:', 'Total AK', 'Summe', 'Summe (570 Personen)', 'Gesamt', 'Gesamttotal', 'Gesamtsumme', 'Zwischentotal', 'Zwischensumme IV', 'Subtotal', 'Sub-total', 'Sous-total', 'Total général', 'Grand total', 'Totale', 'Totaal', 'Somme', 'Sum', 'Insgesamt', 'Σ', ' Total '])
			expect([yes, isSumLabel(yes)]).toEqual([yes, true]);
		for (const no of ['Totalunternehmer AG', 'Sumiswald', 'Summer', 'Gesamtschule', 'Totalp', 'Subsidiär', 'Kanton Total-Luzern', 'T0tal', '', 'S0001', 1, null])
			expect([no, isSumLabel(no)]).toEqual([no, false]);
	});
});

describe('places given by name', () => {
	it('customers per municipality name: official, without canton, with postcode or "Stadt"; unknown and ambiguous names named with the choices', async () => {
		const csv = 'Gemeinde;Kundengruppe;Anzahl;Besuche pro Jahr\nStadt Luzern;Versicherte;300;1.5\nHasle LU;Arbeitgebende;120;2\n6010 Kriens;Versicherte;10;1\nEmen;Stellensuchende;80;12\nArni;Versicherte;10;1\nArni (AG);Versicherte;10;1\n';
		const r = await run('customers', text('k.csv', csv));
		expect(r.result!.preview.map((p) => [p.zone_id, p.geocode_quality])).toEqual([
			[1061, 'municipality'],
			[1005, 'municipality'],
			[1059, 'municipality'],
			[null, 'none'],
			[null, 'none'],
			[4061, 'municipality']
		]);
		expect(where(r.issues)).toEqual([
			['error', 5, 'Gemeinde', 'unknown_municipality'],
			['error', 6, 'Gemeinde', 'ambiguous_municipality']
		]);
		expect(r.issues[0].message.de).toBe('Gemeinde «Emen» ist unbekannt (Gemeinden 2026 der Region Luzern); ähnlich: Emmen.');
		expect(r.issues[1].message.de).toMatch(/^«Arni» ist mehrdeutig: Arni \((AG|BE)\), Arni \((AG|BE)\)\. Den Kanton angeben/);
	});
	it('a staff list with the home town only ("Wohnort"); a name never overrides coordinates, a postcode or a BFS number', async () => {
		const r = await run('staff', text('s.csv', 'id;unit;fte;office_id;Wohnort\n1;AK;1;LU-01;Sursee\n2;AK;1;LU-01;Nirgendwo\n'));
		expect(r.result!.preview.map((p) => p.zone_id)).toEqual([1103, null]);
		expect(where(r.issues)).toEqual([['error', 3, 'Wohnort', 'unknown_municipality']]);
		const both = await run('staff', text('s.csv', 'id;unit;fte;office_id;plz;Gemeinde\n1;AK;1;LU-01;6010;Sursee\n'));
		expect(both.result!.preview[0]).toMatchObject({ zone_id: 1059, geocode_quality: 'postcode' });
		expect(both.issues).toEqual([]);
	});
	it('a postcode in front of the locality («PLZ Ort»: «6003 Luzern») places the row at the postcode, not at the municipality\'s centre', async () => {
		const csv = 'Gruppe;Anzahl;Besuche pro Jahr;PLZ Ort\nVersicherte;12;2;6003 Luzern\nArbeitgeber;3;1;CH-6280 Hochdorf\nVersicherte;5;1;Luzern\nVersicherte;5;1;9999 Sursee\n';
		const r = await run('customers', text('k.csv', csv));
		expect(r.result!.mapping.locality).toBe('PLZ Ort');
		const plz6003 = geocodePlz(refs.plz!, 6003)!;
		expect(r.result!.preview.map((p) => [p.zone_id, p.geocode_quality])).toEqual([
			[1061, 'postcode'],
			[1031, 'postcode'],
			[1061, 'municipality'],
			// A postcode the register does not know: the name places the row.
			[1103, 'municipality']
		]);
		expect([r.result!.preview[0].lon, r.result!.preview[0].lat]).toEqual([plz6003.lon, plz6003.lat]);
		expect(r.issues).toEqual([]);
	});
});

describe('direct identifiers in id columns', () => {
	it('AHV numbers and e-mail addresses in person_id are replaced by pseudonyms before anything is stored; duplicates are still found', async () => {
		const csv =
			'person_id;unit;fte;office_id;plz\n756.1234.5678.97;AK;1;LU-01;6003\nanna.muster@lu.ch;IV;0.8;LU-01;6010\nP-17;IV;0.5;LU-02;6020\n7561234567897;IV;0.5;LU-02;6020\n756.1234.5678.97;AK;1;LU-01;6003\n';
		const r = await run('staff', text('hr.csv', csv));
		const ids = r.result!.preview.map((p) => p.person_id as string);
		expect(ids[2]).toBe('P-17');
		for (const i of [0, 1, 3, 4]) expect(ids[i]).toMatch(/^ID-[0-9a-f]{16}$/);
		// The same id, the same pseudonym (within one import), however it is written: one AHV number is one person.
		expect([ids[3], ids[4]]).toEqual([ids[0], ids[0]]);
		expect(new Set([ids[0], ids[1]]).size).toBe(2);
		expect(where(r.issues)).toEqual([
			['warning', null, 'person_id', 'identifier_ahv'],
			['warning', null, 'person_id', 'identifier_email'],
			['error', 5, 'person_id', 'duplicate_key'],
			['error', 6, 'person_id', 'duplicate_key']
		]);
		expect(r.issues[0].message.de).toContain('3 Zeilen, erste in Zeile 2');
		// The duplicate's message does not repeat the AHV number in full.
		expect(r.issues[2].message.de).toMatch(/^Doppelte ID «756••••••••97» \(schon in Zeile 2\)\./);
		const stored = r.result!.arrow.getChild('person_id')!.toArray().join(' ');
		expect(stored).not.toMatch(/756\.|@|7561234567897/);
		// A second import draws new pseudonyms: nothing links them to the ids.
		const again = await run('staff', text('hr.csv', csv));
		expect(again.result!.preview[0].person_id).not.toBe(ids[0]);
	});
	it('an AHV number or an address inside a longer value, or in other spellings, is found and replaced; one person is one id', async () => {
		const csv =
			'person_id;unit;fte;office_id;plz\nAHV 756.9999.5678.97;AK;1;LU-01;6003\n756-1234-5678-97;IV;0.8;LU-01;6010\nMax Muster <max.muster@lu.ch>;IV;0.5;LU-02;6020\nMAX.MUSTER@LU.CH;IV;0.5;LU-02;6020\n756 9999 5678 97;AK;1;LU-01;6003\n';
		const r = await run('staff', text('hr.csv', csv));
		const ids = r.result!.preview.map((p) => p.person_id as string);
		for (const id of ids) expect(id).toMatch(/^ID-[0-9a-f]{16}$/);
		expect([ids[3], ids[4]]).toEqual([ids[2], ids[0]]);
		expect(where(r.issues).filter((w) => w[3] === 'duplicate_key')).toEqual([
			['error', 5, 'person_id', 'duplicate_key'],
			['error', 6, 'person_id', 'duplicate_key']
		]);
		expect(r.issues.find((i) => i.row === 5)!.message.de).toMatch(/^Doppelte ID «m•••@lu\.ch» \(schon in Zeile 4\)\./);
		const stored = r.result!.arrow.getChild('person_id')!.toArray().join(' ');
		expect(stored).not.toMatch(/756|@|Muster/i);
	});
	it('ordinary ids stay as they are, also ones that only look alike', async () => {
		const r = await run('staff', text('s.csv', 'person_id;unit;fte;office_id;plz\n7560;AK;1;LU-01;6003\nP@1;IV;0.8;LU-01;6010\n'));
		expect(r.result!.preview.map((p) => p.person_id)).toEqual(['7560', 'P@1']);
		expect(r.issues).toEqual([]);
	});
});
