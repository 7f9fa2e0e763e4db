/**
 * Bad-input corpus (issue 6 item 1): every broken file goes through the entry point the app uses
 * (importFile / parseGtfs / parseOsmPbf) and must end in a clear message that names file, row and
 * column where they apply, never a crash or a hang, and must leave the data loaded before intact.
 * Corpus: tests/fixtures/import/bad (importer's own cases) + tests/fixtures/badinput (made by make-badinput.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { loadDemo } from '../../src/lib/data/demo.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { commitImport, importFile, ImportRefused, type ImportIssue } from '../../src/lib/data/import/index.ts';
import type { TableName } from '../../src/lib/data/schema.ts';
import { GtfsError, parseGtfs } from '../../src/lib/reach/gtfs/index.ts';
import { NotPbfError, parseOsmPbf } from '../../src/lib/reach/road/pbf.ts';

const ROOT = path.resolve(__dirname, '../..');
const bytes = (rel: string) => new Uint8Array(readFileSync(path.join(ROOT, rel)));
const refs = loadGeoRefs();
/** [severity, row, column, code]: row is the line the user sees (header = 1). */
type Where = [string, number | null, string | null, string];
const where = (issues: ImportIssue[]): Where[] => issues.map((i) => [i.severity, i.row, i.column, i.code]);

const DEMO_TABLES: TableName[] = ['staff', 'offices', 'customers', 'sites', 'zones'];
/** Row count and an order-independent checksum over all columns of every demo table. */
async function fingerprint(db: Db) {
	const out: Record<string, string> = {};
	for (const t of DEMO_TABLES) {
		const [r] = await rows<{ n: number; h: string }>(db, `SELECT count(*)::INTEGER AS n, sum(hash(t::VARCHAR))::VARCHAR AS h FROM ${t} t`);
		out[t] = `${r.n}:${r.h}`;
	}
	return out;
}

interface ImportCase {
	name: string;
	table: TableName;
	file: string;
	/** Exact issues expected. */
	issues: Where[];
	/** Optional extra check on the result. */
	check?: (r: Awaited<ReturnType<typeof importFile>>) => void;
}

const IMPORT_CASES: ImportCase[] = [
	{ name: 'wrong delimiter (colons)', table: 'staff', file: 'tests/fixtures/import/bad/staff_colon.csv', issues: [['error', null, 'person_id:unit:fte:office_id:lon:lat', 'one_column']] },
	{
		name: 'Windows-1252 umlauts, semicolons, decimal commas',
		table: 'customers',
		file: 'tests/fixtures/badinput/customers_cp1252.csv',
		issues: [],
		check: (r) => {
			expect(r.parsed?.info).toMatchObject({ delimiter: ';', encoding: 'windows-1252' });
			expect(r.result?.preview.map((p) => [p.customer_id, p.visits_per_year, p.lon])).toEqual([
				['C1', 2.5, 8.3],
				['Zürich-Süd', 1, 8.31]
			]);
		}
	},
	{ name: 'Windows-1252 staff file', table: 'staff', file: 'tests/fixtures/import/bad/staff_cp1252.csv', issues: [] },
	{ name: 'missing column', table: 'staff', file: 'tests/fixtures/import/bad/staff_missing_column.csv', issues: [['error', null, null, 'missing_column']] },
	{
		name: 'renamed columns, pipe delimiter',
		table: 'customers',
		file: 'tests/fixtures/badinput/customers_renamed_pipe.csv',
		issues: [],
		check: (r) => expect(r.result?.mapping).toMatchObject({ group: 'Gruppe', visits_per_year: 'visits' })
	},
	{
		name: 'text and overflowing numbers in an integer column',
		table: 'customers',
		file: 'tests/fixtures/badinput/customers_text_dup.csv',
		issues: [
			['error', 3, 'count', 'bad_integer'],
			['error', 4, 'count', 'bad_integer']
		],
		check: (r) => expect(r.issues[0].message.en).toBe('"zwölf" is not valid; expected a whole number.')
	},
	{ name: 'text in a number column', table: 'staff', file: 'tests/fixtures/import/bad/staff_text_in_number.csv', issues: [['error', 3, 'fte', 'bad_number'], ['error', 4, 'fte', 'out_of_range']] },
	{ name: 'LV95 given as lon/lat', table: 'staff', file: 'tests/fixtures/import/bad/staff_lv95_as_lonlat.csv', issues: [['warning', null, 'lon', 'coords_converted']] },
	{
		name: 'LV95 in Ost/Nord with one point outside Switzerland',
		table: 'customers',
		file: 'tests/fixtures/badinput/customers_lv95_outside.csv',
		issues: [['error', 3, 'Ost', 'outside_switzerland']],
		check: (r) => expect(r.issues[0].message.en).toMatch(/^Point 2900000 \/ 1250000 is not in Switzerland/)
	},
	{ name: 'points outside Switzerland', table: 'staff', file: 'tests/fixtures/import/bad/staff_outside.csv', issues: [['error', 3, 'lon', 'outside_switzerland'], ['error', 4, 'lon', 'outside_switzerland']] },
	{
		name: 'duplicate ids',
		table: 'staff',
		file: 'tests/fixtures/import/bad/staff_duplicates.csv',
		issues: [['error', 4, 'person_id', 'duplicate_key']],
		check: (r) => expect(r.issues[0].message.en).toBe('Duplicate id "P1" (already in row 2). One row per person: add up several contracts of one person into one FTE.')
	},
	{ name: 'empty file (blank lines)', table: 'staff', file: 'tests/fixtures/import/bad/staff_empty.csv', issues: [['error', null, null, 'empty_file']] },
	{ name: 'empty file (0 bytes)', table: 'staff', file: 'tests/fixtures/badinput/staff_zero_bytes.csv', issues: [['error', null, null, 'empty_file']] },
	{ name: 'header only', table: 'staff', file: 'tests/fixtures/import/bad/staff_header_only.csv', issues: [['error', null, null, 'no_rows']] },
	{ name: 'truncated XLSX', table: 'offices', file: 'tests/fixtures/import/bad/offices_truncated.xlsx', issues: [['error', null, null, 'xlsx_unreadable']] },
	{
		name: 'truncated Parquet',
		table: 'customers',
		file: 'tests/fixtures/badinput/customers_truncated.parquet',
		issues: [['error', null, null, 'parquet_unreadable']],
		check: (r) => expect(r.issues[0].message.de).toMatch(/Parquet/)
	},
	{ name: 'a GTFS zip offered as customers', table: 'customers', file: 'tests/fixtures/badinput/gtfs_after_midnight.zip', issues: [['error', null, null, 'unsupported_format']] },
	// ---- issue 13, item 1: silent row loss
	{
		name: 'an unterminated quote in the last column names the row where it opened (nothing swallowed)',
		table: 'sites',
		file: 'tests/fixtures/badinput/sites_unterminated_quote.csv',
		issues: [['error', 3, 'note', 'unterminated_quote']],
		check: (r) => expect(r.issues[0].message.de).toMatch(/Zeile 3, Spalte «note», wird nie geschlossen/)
	},
	// ---- item 2: Excel realities
	{
		name: 'a UTF-8 BOM in front of a Windows-1252 body: header and umlauts read right, said so',
		table: 'staff',
		file: 'tests/fixtures/badinput/staff_bom_cp1252.csv',
		issues: [['warning', null, null, 'bom_mismatch']],
		check: (r) => {
			expect(r.parsed?.headers[0]).toBe('Personal_Nr');
			expect(r.result?.preview.map((p) => [p.unit, p.office_id, p.fte])).toEqual([
				['Büro', 'Zürich-Süd', 0.8],
				['AK', 'AK-LAND', 1]
			]);
		}
	},
	{
		name: 'Excel for Mac\'s plain «CSV»: Mac Roman with CR line ends, umlauts and accents read right (not as «BŸro»), said so',
		table: 'staff',
		file: 'tests/fixtures/badinput/staff_macroman.csv',
		issues: [['warning', null, null, 'code_page']],
		check: (r) => {
			expect(r.parsed?.info.encoding).toBe('macintosh');
			expect(r.result?.preview.map((p) => [p.unit, p.office_id, p.fte])).toEqual([
				['Büro', 'Zürich-Süd', 0.8],
				['Sécurité', 'Bäckerstrasse', 1],
				['AK', 'Höfe', 0.5]
			]);
		}
	},
	{
		name: 'Excel\'s «CSV (MS-DOS)»: code page 850, umlauts and accents read right (not as «B\u0081ro» or «BÅro»), said so',
		table: 'staff',
		file: 'tests/fixtures/badinput/staff_cp850.csv',
		issues: [['warning', null, null, 'code_page']],
		check: (r) => {
			expect(r.parsed?.info.encoding).toBe('ibm850');
			expect(r.result?.preview.map((p) => [p.unit, p.office_id, p.fte])).toEqual([
				['Büro', 'Zürich-Süd', 0.8],
				['Sécurité', 'Bäckerstrasse', 1],
				['AK', 'Höfe', 0.5]
			]);
		}
	},
	{
		name: 'Excel "Unicode text": UTF-16 LE with BOM, tab-separated',
		table: 'customers',
		file: 'tests/fixtures/badinput/customers_utf16le.txt',
		issues: [],
		check: (r) => {
			expect(r.parsed?.info).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
			expect(r.result?.preview[0]).toMatchObject({ customer_id: 'Zürich-Süd', visits_per_year: 2.5, zone_id: 1061 });
		}
	},
	{
		name: 'UTF-16 BE with BOM',
		table: 'customers',
		file: 'tests/fixtures/badinput/customers_utf16be.csv',
		issues: [],
		check: (r) => expect(r.result?.preview[0].customer_id).toBe('Genève')
	},
	{
		name: 'a sep=; first line names the delimiter; the header is line 2',
		table: 'staff',
		file: 'tests/fixtures/badinput/staff_sep_line.csv',
		issues: [],
		check: (r) => {
			expect(r.parsed?.info).toMatchObject({ delimiter: ';', headerRow: 2 });
			expect(r.parsed?.rowNumbers).toEqual([3, 4]);
			expect(r.result?.preview[0]).toMatchObject({ fte: 0.8, lon: 8.31 });
		}
	},
	{
		name: "Swiss numbers: 1'234.50, 5’100, no-break space groups, CHF 250'000, 250'000.–, Fr. 1 200 000.-",
		table: 'offices',
		file: 'tests/fixtures/badinput/offices_swiss_numbers.csv',
		issues: [],
		check: (r) =>
			expect(r.result?.preview.map((p) => [p.area_m2, p.rent_chf_year])).toEqual([
				[1234.5, 250_000],
				[5100, 250_000],
				[2400, 1_200_000],
				[800, 96_000]
			])
	},
	{
		name: '"1,500" with nothing in the column to decide: refused as ambiguous (a whole-number column reads 1500)',
		table: 'customers',
		file: 'tests/fixtures/badinput/customers_ambiguous_comma.csv',
		issues: [['error', 2, 'visits_per_year', 'ambiguous_number']],
		check: (r) => {
			expect(r.issues[0].message.en).toMatch(/^"1,500" is ambiguous/);
			expect(r.result?.preview[1].count).toBe(1500);
		}
	},
	{
		name: 'a column with decimal commas decides "1,500" = 1.5 (and "1.500" in a whole-number column = 1500)',
		table: 'customers',
		file: 'tests/fixtures/badinput/customers_decimal_comma_column.csv',
		issues: [],
		check: (r) => expect(r.result?.preview.map((p) => [p.count, p.visits_per_year])).toEqual([
			[1500, 1.5],
			[2, 2.5]
		])
	},
	{
		name: 'XLSX: a hidden first sheet and a title row above the header are passed over, and said so',
		table: 'offices',
		file: 'tests/fixtures/badinput/offices_hidden_sheet.xlsx',
		issues: [
			['warning', null, null, 'hidden_sheet_skipped'],
			['warning', null, null, 'title_rows_skipped']
		],
		check: (r) => {
			expect(r.parsed?.info).toMatchObject({ sheet: 'Büros 2026', headerRow: 3 });
			expect(r.parsed?.rowNumbers).toEqual([4, 5]);
			expect(r.result?.preview.map((p) => p.office_id)).toEqual(['O1', 'O2']);
		}
	},
	{
		name: 'XLSX: a formula without a stored result and an Excel error value are named, never "[object Object]"',
		table: 'offices',
		file: 'tests/fixtures/badinput/offices_formula.xlsx',
		issues: [
			['error', 4, 'area_m2', 'excel_error'],
			['error', 3, 'rent_chf_year', 'formula_without_value']
		],
		check: (r) => {
			expect(r.issues[1].message.de).toMatch(/^Formel =C3\*300 ohne gespeichertes Ergebnis/);
			expect(JSON.stringify(r.result?.preview)).not.toContain('[object');
		}
	},
	// ---- item 3: implausible values
	{
		name: 'capacity 1e20 and beyond 2^53 are refused, area 1e300 is impossible, the merely unusual is a warning',
		table: 'sites',
		file: 'tests/fixtures/badinput/sites_implausible.csv',
		issues: [
			['warning', null, 'lon', 'zone_nearest'], // S5 on the shore at Horw
			['error', 2, 'capacity_workplaces', 'integer_too_large'],
			['warning', 4, 'capacity_workplaces', 'unusual_value'],
			['error', 6, 'capacity_workplaces', 'integer_too_large'],
			['error', 3, 'area_m2', 'out_of_range'],
			['warning', 4, 'area_m2', 'unusual_value'],
			['warning', 4, 'cost_chf_m2_year', 'unusual_value'],
			['warning', 4, 'one_off_chf', 'unusual_value']
		]
	},
	// ---- item 4: the national outline, not a box
	{
		name: 'points in Konstanz (DE) and Büsingen (DE enclave) are outside Switzerland although inside its box',
		table: 'customers',
		file: 'tests/fixtures/badinput/customers_konstanz.csv',
		issues: [
			['error', 3, 'e', 'outside_switzerland'],
			['error', 4, 'e', 'outside_switzerland']
		]
	},
	{ name: 'Konstanz in WGS84', table: 'customers', file: 'tests/fixtures/badinput/customers_konstanz_wgs84.csv', issues: [['error', 3, 'lon', 'outside_switzerland']] },
	// ---- item 6: a NUL byte in a name
	{ name: 'a NUL byte in a value is refused by row and column', table: 'staff', file: 'tests/fixtures/badinput/staff_nul_name.csv', issues: [['error', 3, 'office_id', 'nul_character']] }
];

const PER_CASE_MS = 10_000;

describe('bad-input corpus: importer', () => {
	let db: Db;
	let before: Record<string, string>;
	beforeAll(async () => {
		db = await openNodeDb();
		await loadDemo(db, async (f) => readFileSync(path.join(ROOT, 'data/demo', f), 'utf8'));
		before = await fingerprint(db);
		expect(Number(before.staff.split(':')[0])).toBeGreaterThan(100);
	}, 60_000);
	afterAll(async () => db?.close());

	for (const c of IMPORT_CASES)
		it(
			c.name,
			async () => {
				const fileName = path.basename(c.file);
				const r = await importFile(c.table, { fileName, bytes: bytes(c.file) }, { refs });
				expect(where(r.issues)).toEqual(c.issues);
				for (const i of r.issues) {
					expect(i.file).toBe(fileName);
					expect(i.message.de.length).toBeGreaterThan(10);
					expect(i.message.en.length).toBeGreaterThan(10);
				}
				c.check?.(r);
				const errors = c.issues.filter((i) => i[0] === 'error').length;
				// Try to commit what came back: errors must refuse; the previous data must stay as it was.
				if (r.result && errors > 0) await expect(commitImport(db, c.table, r.result)).rejects.toBeInstanceOf(ImportRefused);
				expect(r.result === null || r.result.stats.errors === errors).toBe(true);
				expect(await fingerprint(db)).toEqual(before);
			},
			PER_CASE_MS
		);
});

describe('bad-input corpus: GTFS', () => {
	const date = '2021-06-15';
	const gtfsError = (file: string): GtfsError => {
		try {
			parseGtfs(bytes(file), { date });
		} catch (e) {
			if (e instanceof GtfsError) return e;
			throw e;
		}
		throw new Error('expected a GtfsError');
	};
	it('times past 24:00 are valid and keep the trips after midnight', () => {
		const { timetable: tt } = parseGtfs(bytes('tests/fixtures/badinput/gtfs_after_midnight.zip'), { date });
		expect(tt.tripIds.slice().sort()).toEqual(['EVE', 'NIGHT1', 'NIGHT2']);
		const conns = [...Array(tt.connCount).keys()].map((c) => [tt.tripIds[tt.connTrip[c]], tt.connDepTime[c], tt.connArrTime[c]]);
		expect(conns).toEqual([
			['EVE', 23 * 3600 + 40 * 60, 23 * 3600 + 55 * 60],
			['NIGHT1', 24 * 3600 + 10 * 60, 24 * 3600 + 25 * 60],
			['NIGHT2', 25 * 3600 + 30 * 60, 26 * 3600 + 5 * 60]
		]);
	});
	it('a zip without stop_times.txt names the missing file', () => {
		const e = gtfsError('tests/fixtures/badinput/gtfs_missing_stop_times.zip');
		expect(e.code).toBe('missing_file');
		expect(e.location.file).toBe('stop_times.txt');
		expect(e.msg.de).toContain('stop_times.txt');
		expect(e.msg.en).toContain('stop_times.txt');
	});
	it('a GTFS "zip" that is a CSV is rejected as not a zip', () => {
		const e = gtfsError('tests/fixtures/badinput/gtfs_not_zip.zip');
		expect(e.code).toBe('not_zip');
		expect(e.msg.en).toBe('The file is not a zip archive');
	});
});

describe('bad-input corpus: OSM PBF', () => {
	const pbfError = (file: string): NotPbfError => {
		try {
			parseOsmPbf(bytes(file));
		} catch (e) {
			if (e instanceof NotPbfError) return e;
			throw e;
		}
		throw new Error('expected a NotPbfError');
	};
	it('a renamed CSV is not an OSM PBF', () => {
		expect(pbfError('tests/fixtures/badinput/osm_renamed_csv.osm.pbf').message).toMatch(/^not an OSM PBF: /);
	});
	it('a real PBF cut after 100 kB is reported as truncated, not crashed on', () => {
		expect(pbfError('tests/fixtures/badinput/osm_truncated.osm.pbf').message).toMatch(/^not an OSM PBF: /);
	}, PER_CASE_MS);
});
