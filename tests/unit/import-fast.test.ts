/**
 * The fast path (import/fast/: DuckDB reads and types the CSV, JavaScript scans and locates) against the
 * reference path (ImportSession, validate.ts), issue 15: for every file of the bad-input and import
 * corpora and for seeded mutations of good files, both must give the same messages (file, row, column,
 * code, text), the same commit decision and the same table, byte for byte. The fast path may decline a
 * file (then the reference path runs); it must take the clean files, or it would be no accelerator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { importToDb, tableForFile, type ImportIssue } from '../../src/lib/data/import/index.ts';
import type { FastOutcome } from '../../src/lib/data/import/fast/run.ts';
import type { FastSliceOptions } from '../../src/lib/data/import/fast/side.ts';
import { EDGE_NONE, EDGE_OTHER, scanCsv, SliceScanner } from '../../src/lib/data/import/fast/scan.ts';
import { WINDOWS_1252_CHARS, windows1252Decoder, windows1252ToUtf8 } from '../../src/lib/util/windows-1252.ts';
import { CP850_CHARS, MAC_ROMAN_CHARS } from '../../src/lib/util/code-pages.ts';
import { createRng, type Rng } from '../../src/lib/data/prng.ts';
import { createTableSql, tableNames, tables, type TableName } from '../../src/lib/data/schema.ts';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { CsvRowParser } from '../../src/lib/util/csv.ts';

const ROOT = path.resolve(__dirname, '../..');
const refs = loadGeoRefs();
const enc = (s: string) => new TextEncoder().encode(s);

interface Both {
	/** The fast path's last try (null: not tried). */
	fast: FastOutcome | null;
	/** Every try, in order (a file opened as UTF-8 may be tried once more as Windows-1252). */
	tries: FastOutcome[];
	same: boolean;
	detail: string;
}

/** Slices of a few bytes: DuckDB gets the file in many pieces, cut wherever the scan may cut, as the bytes the scan kept (as in the app). */
const TINY: FastSliceOptions = { chunkBytes: 7, firstSliceBytes: 20, sliceBytes: 40, keepBytes: true };

/** Import `bytes` both ways into two databases; compare everything the user and the model see. */
async function both(dbs: [Db, Db], table: TableName, fileName: string, bytes: Uint8Array, fastSlices?: FastSliceOptions, chunkBytes?: number): Promise<Both> {
	const tries: FastOutcome[] = [];
	const a = await importToDb(dbs[0], table, { fileName, bytes }, { refs, onFastPath: (o) => tries.push(o), fastSlices, chunkBytes });
	const b = await importToDb(dbs[1], table, { fileName, bytes }, { refs, fast: false, chunkBytes });
	const msg = (i: ImportIssue[]) => i.map((x) => [x.severity, x.row, x.column, x.code, x.message.de, x.message.en]);
	const sum = async (db: Db) => JSON.stringify(await rows(db, `SELECT count(*)::INTEGER AS n, sum(hash(t::VARCHAR))::VARCHAR AS h FROM ${table} t`));
	const left = JSON.stringify([msg(a.issues), a.committed, a.stats, await sum(dbs[0])]);
	const right = JSON.stringify([msg(b.issues), b.committed, b.stats, await sum(dbs[1])]);
	return { fast: tries.at(-1) ?? null, tries, same: left === right, detail: left === right ? '' : `fast: ${left.slice(0, 600)}\nref:  ${right.slice(0, 600)}` };
}

const taken = (f: FastOutcome | null) => !!f && f.ok;

/** Two databases with the empty tables, for one describe block: the fast path imports into the first. */
function twoDatabases(): () => [Db, Db] {
	let dbs: [Db, Db];
	beforeAll(async () => {
		dbs = [await openNodeDb(), await openNodeDb()];
		for (const d of dbs) for (const t of tableNames) await d.exec(createTableSql(tables[t]));
	}, 60_000);
	afterAll(async () => {
		for (const d of dbs ?? []) await d.close();
	});
	return () => dbs;
}

describe('fast path = reference path', () => {
	const dbs = twoDatabases();

	it('on every CSV of the corpora and the default data, for every table it could be meant for', async () => {
		const dirs = ['tests/fixtures/badinput', 'tests/fixtures/import/bad', 'tests/fixtures/import/good', 'data/demo'];
		const files = dirs.flatMap((d) => readdirSync(path.join(ROOT, d)).filter((f) => /\.(csv|txt|tsv)$/.test(f)).map((f) => path.join(d, f)));
		const fastTaken: string[] = [];
		for (const f of files) {
			const bytes = new Uint8Array(readFileSync(path.join(ROOT, f)));
			const guess = tableForFile(path.basename(f));
			for (const table of guess ? [guess] : tableNames) {
				const r = await both(dbs(), table, path.basename(f), bytes);
				expect([f, table, r.detail]).toEqual([f, table, '']);
				if (taken(r.fast)) fastTaken.push(`${table}:${path.basename(f)}`);
				if (!guess) continue;
				const sliced = await both(dbs(), table, path.basename(f), bytes, TINY);
				expect([f, table, 'tiny slices', sliced.detail]).toEqual([f, table, 'tiny slices', '']);
				expect([f, taken(sliced.fast)]).toEqual([f, taken(r.fast)]);
			}
		}
		// The clean files take the fast path (else it accelerates nothing).
		for (const must of ['customers:customers.csv', 'sites:sites.csv', 'offices:offices.csv', 'zones:zones.csv', 'staff:staff_semicolon.csv', 'staff:staff_sep_line.csv', 'customers:customers_renamed_pipe.csv', 'customers:customers_cp1252.csv', 'staff:staff_cp1252.csv', 'staff:staff_bom_cp1252.csv', 'customers:customers_utf16be.csv', 'customers:customers_utf16le.txt', 'sites:sites_koordinaten.csv', 'staff:staff_macroman.csv', 'staff:staff_cp850.csv'])
			expect(fastTaken).toContain(must);
	}, 240_000);

	it('on seeded mutations of quoting, whitespace, line ends, numbers and encodings (UTF-8, Windows-1252, UTF-16, Mac Roman, code page 850)', async () => {
		const rng = createRng(Number(process.env.FUZZ_SEED ?? 1513));
		const base = readFileSync(path.join(ROOT, 'data/demo/customers.csv'), 'utf8').split('\n').slice(0, 30);
		const sites = readFileSync(path.join(ROOT, 'data/demo/sites.csv'), 'utf8').trim();
		let fastCount = 0;
		let ansiFast = 0; // Windows-1252 files with characters beyond ASCII that took the fast path
		let utf16Fast = 0;
		let otherFast = 0; // Mac Roman or code page 850
		const runs = Number(process.env.FUZZ_RUNS ?? 150);
		for (let k = 0; k < runs; k++) {
			const [mutated, text] = mutate(rng, rng.next() < 0.8 ? base.join('\n') : sites);
			const table: TableName = text.startsWith('site_id') ? 'sites' : 'customers';
			// Every fourth file as Excel's plain "CSV" writes it (Windows-1252), where its characters allow; every
			// seventh as its "Unicode text" (UTF-16 LE with a BOM); every tenth as Excel for Mac's plain "CSV" (Mac
			// Roman) or Excel's "CSV (MS-DOS)" (code page 850).
			const r0 = rng.next();
			const ansi = r0 < 0.25 ? cp1252(text) : null;
			const utf16 = r0 >= 0.25 && r0 < 0.4 ? new Uint8Array(Buffer.from('\ufeff' + text, 'utf16le')) : null;
			const [pageName, page] = OTHER_CODE_PAGES[rng.int(2)];
			const other = r0 >= 0.4 && r0 < 0.5 && /[^\x00-\x7f]/.test(text) ? page(text) : null;
			const bytes = ansi ?? utf16 ?? other ?? enc(text);
			const label = ansi ? `${mutated} (Windows-1252)` : utf16 ? `${mutated} (UTF-16 LE)` : other ? `${mutated} (${pageName})` : mutated;
			const r = await both(dbs(), table, 'm.csv', bytes);
			expect([k, label, r.detail]).toEqual([k, label, '']);
			if (taken(r.fast)) fastCount++;
			if (taken(r.fast) && ansi && ansi.some((b) => b > 0x7f)) ansiFast++;
			if (taken(r.fast) && utf16) utf16Fast++;
			if (taken(r.fast) && other) otherFast++;
			// The same in slices of a few bytes: a cut after any row end (CRLF split across reads, a quoted line
			// break or a blank line at a slice's start) must read as the whole file does.
			const sliced = await both(dbs(), table, 'm.csv', bytes, TINY);
			expect([k, label, 'tiny slices', sliced.detail]).toEqual([k, label, 'tiny slices', '']);
		}
		expect(fastCount).toBeGreaterThan(runs / 10);
		expect([ansiFast, utf16Fast, otherFast]).toSatisfy(([a, u, o]: number[]) => a > 0 && u > 0 && o > 0);
	}, 300_000);

	it('a Windows-1252 file whose first chunk is plain ASCII is opened once more with the whole file\'s encoding check and takes the fast path', async () => {
		// The fast open checks UTF-8 on the first chunk only; here the first umlaut, «’» or «–» lies beyond it.
		for (const file of ['badinput/customers_cp1252.csv', 'import/bad/staff_cp1252.csv', 'badinput/staff_bom_cp1252.csv']) {
			const f = path.basename(file);
			const bytes = new Uint8Array(readFileSync(path.join(ROOT, 'tests/fixtures', file)));
			const first = bytes.findIndex((b) => b > 0x7f && b !== 0xef && b !== 0xbb && b !== 0xbf);
			expect(first, f).toBeGreaterThan(40);
			const table = tableForFile(f)!;
			const r = await both(dbs(), table, f, bytes, undefined, 32);
			expect([f, r.detail]).toEqual([f, '']);
			expect([f, r.tries.map((o) => (o.ok ? 'taken' : o.reason))]).toEqual([f, ['scan: not UTF-8', 'taken']]);
		}
		// Bytes that are not UTF-8 in a UTF-16 file, or a file that is not UTF-8 from its first chunk on: no second try.
		const u16 = await both(dbs(), 'customers', 'u.csv', new Uint8Array(readFileSync(path.join(ROOT, 'tests/fixtures/badinput/customers_utf16le.txt'))), undefined, 32);
		expect([u16.detail, u16.tries.length]).toEqual(['', 1]);
	});

	it('ids that may be AHV numbers or e-mail addresses send the file to the validator, which stores pseudonyms', async () => {
		const csv = 'person_id,unit,fte,office_id,plz\n756.1234.5678.97,AK,1,LU-01,6003\nanna@lu.ch,IV,0.8,LU-01,6010\n7560,IV,1,LU-01,6010\nX75612345678971,IV,1,LU-01,6010\nAHV 756-1111-2222-33,IV,1,LU-01,6010\n';
		let fast: FastOutcome | null = null;
		const r = await importToDb(dbs()[0], 'staff', { fileName: 'ids.csv', bytes: enc(csv) }, { refs, onFastPath: (o) => (fast = o) });
		const f = fast as FastOutcome | null; // assigned in the callback
		expect(f && !f.ok ? f.reason : 'taken').toBe('4 rows to report'); // the SQL flags more than the validator replaces ('X756…71')
		expect(r.issues.map((i) => i.code)).toEqual(['identifier_ahv', 'identifier_email']);
		const ids = (await rows<{ person_id: string }>(dbs()[0], 'SELECT person_id FROM staff ORDER BY person_id')).map((x) => x.person_id);
		expect(ids.filter((x) => /^ID-[0-9a-f]{16}$/.test(x))).toHaveLength(3);
		expect(ids).toEqual(expect.arrayContaining(['7560', 'X75612345678971']));
	});

	it('invisible format characters (bidi overrides, zero width) send the file to the validator, which removes them with a warning', async () => {
		// A right-to-left override makes a name read otherwise; a zero-width space makes two ids look the same.
		const head = 'site_id,name,capacity_workplaces,area_m2,cost_chf_m2_year,lon,lat\n';
		const csv = head + 'S-01,\u202eKriens West,600,15000,300,8.29,47.03\nS-\u200b01,Emmen,600,15000,300,8.28,47.06\nS-03,Horw \u2066Mitte\u2069,600,15000,300,8.31,47.01\n';
		const r = await both(dbs(), 'sites', 'sites.csv', enc(csv));
		expect(r.detail).toBe('');
		expect(r.fast && !r.fast.ok ? r.fast.reason : 'taken').toBe('scan: invisible format characters');
		const ref = await importToDb(dbs()[1], 'sites', { fileName: 'sites.csv', bytes: enc(csv) }, { refs, fast: false });
		// The two ids that looked the same are the same: a duplicate, named with its row.
		expect(ref.issues.map((i) => [i.severity, i.code, i.row, i.column])).toEqual([
			['warning', 'zone_nearest', null, 'lon'], // S-03 on the shore at Horw
			['warning', 'invisible_characters', null, 'site_id'],
			['warning', 'invisible_characters', null, 'name'],
			['error', 'duplicate_key', 3, 'site_id']
		]);
		expect(ref.issues[2].message.de).toContain('2 Zeilen, erste in Zeile 2');
		// Without the duplicate the rows are stored as they are seen.
		const ok = await importToDb(dbs()[1], 'sites', { fileName: 'sites.csv', bytes: enc(csv.replace('S-\u200b01', 'S-02')) }, { refs, fast: false });
		expect(ok.committed).toBe(true);
		const names = (await rows<{ site_id: string; name: string }>(dbs()[1], 'SELECT site_id, name FROM sites ORDER BY site_id')).map((x) => `${x.site_id} ${x.name}`);
		expect(names).toEqual(['S-01 Kriens West', 'S-02 Emmen', 'S-03 Horw Mitte']);
		// A BOM before the header is the encoding's mark, not text: the fast path still takes the file.
		const bom = await both(dbs(), 'sites', 'sites.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...enc(head + 'S-01,Kriens,600,15000,300,8.29,47.03\n')]));
		expect(bom.detail).toBe('');
		expect(taken(bom.fast)).toBe(true);
	});

	it('a number longer than any the validator reads (a cell of 250 digits) sends the file the reference way', async () => {
		const csv = (v: string) => `group,visits_per_year,lon,lat\ninsured,${v},8.3,47.05\n`;
		for (const v of ['0.' + '0'.repeat(248) + '1', '0.' + '0'.repeat(150) + '1']) {
			const r = await both(dbs(), 'customers', 'customers.csv', enc(csv(v)));
			expect([v.length, r.detail]).toEqual([v.length, '']);
			expect([v.length, taken(r.fast)]).toEqual([v.length, v.length < 200]);
		}
	});

	it('allowed values written as their other words, in the usual spellings, take the fast path and read as the validator reads them', async () => {
		const customers = (groups: string[]) => 'group,visits_per_year,lon,lat\n' + groups.map((g, i) => `${g},2,8.${29 + i},47.05\n`).join('');
		const usual = [
			['customers', customers(['Versicherte', 'VERSICHERTE', 'versicherte personen', 'Versicherte Personen', 'Arbeitgebende', 'Stellensuchende', 'Assurés', 'ASSURÉS', 'employeur', "Demandeurs d'emploi", 'eMpLoYeR', 'Job Seekers'])],
			['staff', 'person_id,unit,fte,office_id,mode,plz\n' + ['ÖV', 'öv', 'Zu Fuss', 'ZU FUSS', 'Velo', 'Vélo', 'E-Bike', 'Auto', 'MIV', 'Öffentlicher Verkehr'].map((m, i) => `P${i},IV,1,LU-01,${m},6003\n`).join('')],
			['sites', 'site_id,name,capacity_workplaces,area_m2,cost_chf_m2_year,tenure,lon,lat\nA,Kriens,600,15000,300,Miete,8.29,47.03\nB,Emmen,600,15000,300,Baurecht,8.28,47.06\nC,Horw,600,15000,300,KAUF,8.31,47.01\n']
		] as const;
		for (const [table, csv] of usual) {
			const r = await both(dbs(), table, `${table}.csv`, enc(csv));
			expect([table, r.detail]).toEqual([table, '']);
			expect([table, r.fast && !r.fast.ok ? r.fast.reason : 'taken']).toEqual([table, 'taken']);
		}
		const groups = (await rows<{ group: string }>(dbs()[0], 'SELECT "group" FROM customers')).map((x) => x.group);
		expect(groups).toEqual(['insured', 'insured', 'insured', 'insured', 'employer', 'jobseeker', 'insured', 'insured', 'employer', 'jobseeker', 'employer', 'jobseeker']);
		// Other spellings of non-ASCII words (and a dotted capital I, which lower-cases otherwise in JavaScript)
		// are the validator's to read: the same result, by the reference path.
		for (const odd of ['aSSURÉS', 'İnsured', 'VersichertE', 'Nicht erlaubt']) {
			const r = await both(dbs(), 'customers', 'customers.csv', enc(customers(['insured', odd])));
			expect([odd, r.detail]).toEqual([odd, '']);
			expect([odd, taken(r.fast)]).toEqual([odd, odd === 'VersichertE']);
		}
	});

	it('one naming column read as id and name takes the fast path; a rent per month (× 12) or «ab sofort» as a date does not', async () => {
		const shared = await both(dbs(), 'offices', 'o.csv', enc('Standort,area_m2,workplaces,rent_chf_year,lon,lat\nIV Luzern,5800,215,1856000,8.308168,47.040240\nAK,5100,195,1581000,8.349617,47.056399\n'));
		expect([shared.detail, taken(shared.fast)]).toEqual(['', true]);
		const monthly = await both(dbs(), 'offices', 'o.csv', enc('office_id,name,area_m2,workplaces,Miete pro Monat,lon,lat\nIV,IV Luzern,5800,215,154667,8.308168,47.040240\n'));
		expect([monthly.detail, taken(monthly.fast)]).toEqual(['', false]);
		const now = await both(dbs(), 'sites', 's.csv', enc('site_id,name,capacity_workplaces,area_m2,cost_chf_m2_year,available_from,lon,lat\nS1,A,700,17500,35,ab sofort,8.308168,47.040240\nS2,B,600,14400,250,2029-01-01,8.349617,47.056399\n'));
		expect([now.detail, taken(now.fast)]).toEqual(['', false]);
	}, 60_000);
	it('a sum row without a label, far down and across chunks, is skipped alike on both paths', async () => {
		const lines = ['plz,group,count,visits_per_year'];
		const plz = [6003, 6004, 6005, 6010];
		let total = 0;
		for (let i = 0; i < 400; i++) {
			const n = 1 + ((i * 7) % 13);
			total += n;
			lines.push(`${plz[i % 4]},insured,${n},2`);
		}
		lines.push(`,,${total},`);
		for (const chunkBytes of [256, undefined]) {
			const r = await both(dbs(), 'customers', 'k.csv', enc(lines.join('\n') + '\n'), undefined, chunkBytes);
			expect([chunkBytes, r.detail]).toEqual([chunkBytes, '']);
			expect((await rows<{ n: number }>(dbs()[0], 'SELECT sum(count)::INTEGER AS n FROM customers'))[0].n).toBe(total);
		}
	}, 60_000);
	it('a Pensum as a fraction beside bare percentages reads alike on both paths', async () => {
		const r = await both(dbs(), 'staff', 's.csv', enc('person_id,unit,Pensum,office_id,plz\nP1,AK,1/2,X,6003\nP2,AK,80,X,6003\nP3,AK,100,X,6003\nP4,AK,¾,X,6003\nP5,AK,Vollzeit,X,6003\n'));
		expect(r.detail).toBe('');
		expect((await rows<{ fte: number }>(dbs()[0], 'SELECT fte FROM staff ORDER BY person_id')).map((x) => x.fte)).toEqual([0.5, 0.8, 1, 0.75, 1]);
	}, 60_000);
	it('a lease end of 9999-12-31 (open-ended) goes the reference way, which reads it as empty', async () => {
		const r = await both(dbs(), 'offices', 'o.csv', enc('office_id,name,area_m2,rent_chf_year,lease_end,plz\nA,A,800,100000,9999-12-31,6003\nB,B,900,120000,2027-03-31,6003\n'));
		expect([r.detail, r.fast && !r.fast.ok ? r.fast.reason : 'taken']).toEqual(['', '1 rows to report']);
	}, 60_000);
	it('a travel-time pair given twice, or a p80 below its p50, sends the file the reference way, which names the row', async () => {
		for (const [csv, reason] of [
			['origin_zone,destination_id,mode,minutes_p50,minutes_p80\n1061,S1,pt,25,30\n1061,S2,pt,20,30\n1061,S1,pt,40,45\n', 'duplicate keys'],
			['origin_zone,destination_id,mode,minutes_p50,minutes_p80\n1061,S1,pt,25,30\n1059,S1,pt,30,20\n', '1 rows to report']
		]) {
			const r = await both(dbs(), 'travel_times', 'tt.csv', enc(csv));
			expect([r.detail, r.fast && !r.fast.ok ? r.fast.reason : 'taken']).toEqual(['', reason]);
		}
		const fine = await both(dbs(), 'travel_times', 'tt.csv', enc('origin_zone,destination_id,mode,minutes_p50,minutes_p80\n1061,S1,pt,25,30\n1061,S1,car,20,22\n'));
		expect([fine.detail, taken(fine.fast)]).toEqual(['', true]);
	}, 60_000);
	it('«250.000» beside decimal commas in other columns (thousands) goes the reference way; without them (1.5 × 10^2) the fast path reads it alike', async () => {
		const german = await both(dbs(), 'offices', 'o.csv', enc('office_id;name;area_m2;rent_chf_year;lon;lat\nA;A;1250,5;250.000;8,3093;47,0502\nB;B;800;180.000;8,31;47,05\n'));
		expect([german.detail, german.fast && !german.fast.ok ? german.fast.reason : 'taken']).toEqual(['', 'column 4: a point that may group thousands']);
		expect((await rows<{ r: number }>(dbs()[0], 'SELECT rent_chf_year AS r FROM offices ORDER BY office_id')).map((x) => x.r)).toEqual([250_000, 180_000]);
		const plain = await both(dbs(), 'offices', 'o.csv', enc('office_id,name,area_m2,rent_chf_year,lon,lat\nA,A,1250.5,250.000,8.3093,47.0502\nB,B,800,180.500,8.31,47.05\n'));
		expect([plain.detail, taken(plain.fast)]).toEqual(['', true]);
		expect((await rows<{ r: number }>(dbs()[0], 'SELECT rent_chf_year AS r FROM offices ORDER BY office_id')).map((x) => x.r)).toEqual([250, 180.5]);
	}, 60_000);
	it('a zone_id far from its row\'s point (a warning on the reference path) sends the file there; one near a border does not', async () => {
		const head = 'person_id,unit,fte,office_id,lon,lat,zone_id\n';
		const near = await both(dbs(), 'staff', 's.csv', enc(head + 'P1,AK,1,X,8.3093,47.0502,1061\nP2,AK,1,X,8.2811,47.0690,1024\n'));
		expect([near.detail, taken(near.fast)]).toEqual(['', true]);
		const far = await both(dbs(), 'staff', 's.csv', enc(head + 'P1,AK,1,X,8.3093,47.0502,1061\nP2,AK,1,X,8.3093,47.0502,1103\n'));
		expect([far.detail, taken(far.fast)]).toEqual(['', false]);
	}, 60_000);
	it('a postcode far from its row\'s point (a warning on the reference path) sends the file there; one that fits does not', async () => {
		const head = 'person_id,unit,fte,office_id,lon,lat,plz\n';
		const fits = await both(dbs(), 'staff', 's.csv', enc(head + 'P1,AK,1,X,8.3093,47.0502,6003\nP2,AK,1,X,8.2811,47.0690,6020\n'));
		expect([fits.detail, taken(fits.fast)]).toEqual(['', true]);
		const far = await both(dbs(), 'staff', 's.csv', enc(head + 'P1,AK,1,X,8.3093,47.0502,6003\nP2,AK,1,X,8.3093,47.0502,6210\n'));
		expect([far.detail, taken(far.fast)]).toEqual(['', false]);
	}, 60_000);
	it('across the location step\'s row blocks: LV95 points converted, mixed qualities, a bad point in a later block', async () => {
		// 140,000 rows span three blocks of the fast path's location step (side.ts LOCATE_BLOCK).
		const rng = createRng(77);
		const lines = ['customer_id,group,count,visits_per_year,E,N,geocode_quality'];
		for (let i = 0; i < 140_000; i++)
			lines.push(`C${i},insured,${1 + rng.int(9)},${rng.int(12)}.5,${(2_650_000 + rng.int(20_000)).toFixed(1)},${(1_205_000 + rng.int(20_000)).toFixed(1)},${i % 9 === 0 ? 'postcode' : ''}`);
		const good = enc(lines.join('\n') + '\n');
		const r = await both(dbs(), 'customers', 'lv95.csv', good);
		expect(r.detail).toBe('');
		expect(r.fast && !r.fast.ok ? r.fast.reason : 'taken').toBe('taken');
		const [q] = await rows<{ n: number; post: number; zones: number }>(
			dbs()[0],
			"SELECT count(*)::INTEGER AS n, count(*) FILTER (geocode_quality = 'postcode')::INTEGER AS post, count(zone_id)::INTEGER AS zones FROM customers"
		);
		expect(q.n).toBe(140_000);
		expect(q.post).toBe(Math.ceil(140_000 / 9));
		expect(q.zones).toBeGreaterThan(100_000);
		// A point in Germany in the third block: the fast path declines, the reference path names the row.
		lines[135_001] = 'C135000,insured,1,2.5,2700000,1300000,';
		const bad = await both(dbs(), 'customers', 'lv95.csv', enc(lines.join('\n') + '\n'));
		expect(bad.detail).toBe('');
		expect(taken(bad.fast)).toBe(false);
	}, 120_000);

	it('rows placed by coordinates alone (the typed location step): either pair, both, swapped, on a lake, LV03', async () => {
		const rng = createRng(78);
		const lines = ['customer_id,group,visits_per_year,lon,lat,E,N'];
		for (let i = 0; i < 30_000; i++) {
			// Around Lucerne, the lake included (points there have no zone).
			const lon = 8.1 + rng.int(40_000) / 100_000;
			const lat = 46.95 + rng.int(20_000) / 100_000;
			const e = 2_640_000 + rng.int(40_000);
			const n = 1_190_000 + rng.int(30_000);
			// Both pairs in two rows of seven: their E/N votes (unused for the point) keep LV95 ahead of LV03.
			const k = ['lonlat', 'en', 'both', 'both', 'swapped', 'lv03', 'lv03'][i % 7];
			const cells = k === 'lonlat' ? [lon, lat, '', ''] : k === 'en' ? ['', '', e, n] : k === 'both' ? [lon, lat, e, n] : k === 'swapped' ? [lat, lon, '', ''] : ['', '', e - 2_000_000, n - 1_000_000];
			lines.push(`C${i},insured,${rng.int(12)},${cells.join(',')}`);
		}
		const r = await both(dbs(), 'customers', 'pairs.csv', enc(lines.join('\n') + '\n'));
		expect(r.detail).toBe('');
		expect(r.fast && !r.fast.ok ? r.fast.reason : 'taken').toBe('taken');
		const [q] = await rows<{ zones: number; lake: number }>(dbs()[0], 'SELECT count(zone_id)::INTEGER AS zones, count(*) FILTER (zone_id IS NULL)::INTEGER AS lake FROM customers');
		expect(q.zones).toBeGreaterThan(20_000);
		expect(q.lake).toBeGreaterThan(100);
		// The first pair outside Switzerland, the second fine: the reference path names the first.
		lines[20_003] = 'C20002,insured,4,9.0,48.5,2665000,1211000';
		const bad = await both(dbs(), 'customers', 'pairs.csv', enc(lines.join('\n') + '\n'));
		expect(bad.detail).toBe('');
		expect(taken(bad.fast)).toBe(false);
	}, 120_000);

	it('points in one cell (as copied from a map, in every form the validator reads) take the fast path; a cell that is no point does not', async () => {
		const rng = createRng(91);
		const lines = ['customer_id;group;visits_per_year;Koordinaten'];
		const swiss = (x: number) => x.toLocaleString('de-CH', { useGrouping: true, maximumFractionDigits: 2 });
		for (let i = 0; i < 20_000; i++) {
			const lon = 8.1 + rng.int(40_000) / 100_000;
			const lat = 46.95 + rng.int(20_000) / 100_000;
			const e = 2_640_000 + rng.int(40_000) + rng.int(100) / 100;
			const n = 1_190_000 + rng.int(30_000);
			// Seconds below 60 after rounding (a «59.96» written «60.0» is no point: the validator says so).
			const dms = (v: number, h: string) => `${Math.floor(v)}°${String(Math.floor((v * 60) % 60)).padStart(2, '0')}'${(Math.floor(((v * 3600) % 60) * 10) / 10).toFixed(1)}""${h}`;
			// The forms map.geo.admin.ch, a web map, a GPS device and GIS software copy, all in one file (votes per row).
			const cell = [`${lat.toFixed(5)}, ${lon.toFixed(5)}`, `${swiss(e)}, ${swiss(n)}`, `"${dms(lat, 'N')} ${dms(lon, 'E')}"`, `POINT(${lon} ${lat})`, ` ${lat} ${lon} `][i % 5];
			lines.push(`C${i};insured;${rng.int(12)};${cell}`);
		}
		const good = lines;
		for (const slices of [undefined, TINY]) {
			const r = await both(dbs(), 'customers', 'koord.csv', enc(good.slice(0, slices ? 400 : good.length).join('\n') + '\n'), slices);
			expect(r.detail).toBe('');
			expect(r.fast && !r.fast.ok ? r.fast.reason : 'taken').toBe('taken');
		}
		const odd = await rows(dbs()[0], "SELECT customer_id, lon, lat, geocode_quality FROM customers WHERE NOT (geocode_quality = 'coordinates' AND lon BETWEEN 7.9 AND 8.6 AND lat BETWEEN 46.8 AND 47.2)");
		expect(odd).toEqual([]);
		// Each way a cell can fail: the reference path names the row (and the fast path declines the file).
		for (const wrong of ['Luzern', '47.05', '48.9, 9.9', '', '"47.05, 8.31, 3"']) {
			const bad = [...good];
			bad[12_345] = `C12344;insured;3;${wrong}`;
			const r = await both(dbs(), 'customers', 'koord.csv', enc(bad.join('\n') + '\n'));
			expect([wrong, r.detail]).toEqual([wrong, '']);
			expect([wrong, taken(r.fast)]).toEqual([wrong, false]);
		}
		// Cells as people and programs mangle them: quoted quotes, tabs, NBSP, decimal commas, brackets, labels,
		// SRID, signs, too many digits, exponents, a line break or CR inside, an open quote, 3'000 characters.
		const mangled = ['"' + '1,'.repeat(1500) + '1"', '"47.05, ""8.31"""', '47.05\t8.31', '47.05\u00a08.31', '\u00a047.05, 8.31\u00a0', '"47,05 8,31"', '"47.05,8.31"', '"8.31, 47.05"', '"666000, 211000"', '"N 47.05, E 8.31"', '"E 8.31 N 47.05"', '"POINT (8.31 47.05)"', '"SRID=4326;POINT(8.31 47.05)"', '"[47.05, 8.31]"', '"47.05 , 8.31"', '"-47.05, -8.31"', '"47.0500000000000000001, 8.31"', '"1e1, 8.31"', '"47.05, 8.31\n"', '"47.05, 8.31"\r', '"47.05, 8.31', '4705, 831', '"0047.05, 008.31"'];
		for (const c of mangled) {
			const text = `customer_id;group;visits_per_year;Koordinaten\nC1;insured;2;47.06, 8.30\nC2;insured;3;${c}\nC3;insured;1;2666000, 1211000\n`;
			const r = await both(dbs(), 'customers', 'koord.csv', enc(text));
			expect([c, r.detail]).toEqual([c, '']);
		}
	}, 180_000);
});

/** `text` in the code page of `chars`, or null where it has a character that code page lacks. */
const inCodePage = (chars: readonly string[]) => {
	const byte = new Map(chars.map((c, b) => [c, b]));
	return (text: string): Uint8Array | null => {
		const out: number[] = [];
		for (const c of text) {
			const b = byte.get(c);
			if (b === undefined) return null;
			out.push(b);
		}
		return new Uint8Array(out);
	};
};
const cp1252 = inCodePage(WINDOWS_1252_CHARS);
const OTHER_CODE_PAGES = [
	['Mac Roman', inCodePage(MAC_ROMAN_CHARS)],
	['code page 850', inCodePage(CP850_CHARS)]
] as const;

/** Mutations aimed at the seams between DuckDB's reader and ours. */
function mutate(rng: Rng, text: string): [string, string] {
	const lines = text.split('\n');
	const pick = () => 1 + rng.int(Math.max(1, lines.length - 1));
	const cell = (f: (cells: string[]) => void) => {
		const i = pick();
		// (a blank line that an earlier mutation put there has no cells to change)
		if (lines[i] === undefined || !lines[i].includes(',')) return;
		const cells = lines[i].split(',');
		f(cells);
		lines[i] = cells.join(',');
	};
	const kinds: [string, () => void][] = [
		['none', () => {}],
		['crlf', () => lines.splice(0, lines.length, ...lines.map((l) => l + '\r'))],
		['cr only', () => lines.splice(0, lines.length, lines.join('\r'))],
		['blank line', () => lines.splice(pick(), 0, '')],
		['spaces line', () => lines.splice(pick(), 0, '   ')],
		['blank fields line', () => lines.splice(pick(), 0, [',,,,,,,', ', , ,\t,,', '"","",,'][rng.int(3)])],
		['quoted cell', () => cell((c) => (c[rng.int(c.length)] = `"${c[0]}"`))],
		['quoted newline', () => cell((c) => (c[0] = `"${c[0]}\nnext"`))],
		['escaped quote', () => cell((c) => (c[0] = `"a""b${c[0]}"`))],
		['stray quote', () => cell((c) => (c[0] = `a"b`))],
		['text after quote', () => cell((c) => (c[0] = `"a"b`))],
		['leading space', () => cell((c) => (c[rng.int(c.length)] = ' ' + c[rng.int(c.length)]))],
		['tab edge', () => cell((c) => (c[0] = '\t' + c[0]))],
		['nbsp edge', () => cell((c) => (c[0] = c[0] + '\u00a0'))],
		['number forms', () => cell((c) => (c[3] = ['1_000', '+-5', '1e3', '.5', '12.', '1,5', "1'234", '007', '-0', '1e400', 'inf', '0x10', ' 2 ', '2.500'][rng.int(14)]))],
		['upper case group', () => cell((c) => (c[1] = c[1].toUpperCase()))],
		['trailing delimiter', () => cell((c) => c.push(''))],
		['short row', () => cell((c) => c.pop())],
		['long row', () => cell((c) => c.push('x'))],
		['NUL', () => cell((c) => (c[0] = c[0] + '\u0000'))],
		['invisible format character', () => cell((c) => (c[rng.int(2)] = ['\u202e', '\u200b', '\u2066', '\ufeff', '\u{e0041}', '\u00ad'][rng.int(6)] + c[0]))],
		['umlauts and typographic characters', () => cell((c) => (c[0] = ['Zürich-Süd ', '€ ', '„Bahnhof“ ', 'Rue de l’Église ', 'Œuvre – '][rng.int(5)] + c[0]))],
		['typographic apostrophe in a number', () => cell((c) => (c[3] = '1’234'))],
		['double-encoded text', () => cell((c) => (c[rng.int(2)] = ['ZÃ¼rich-', 'lâ€™', 'Â°', 'São ', 'Z√ºrich-', '√2 '][rng.int(6)] + c[0]))],
		['empty required', () => cell((c) => (c[3] = ''))],
		// A sum row (skipped with a warning by the validator, so never the fast path's), and a whole record called «Total».
		['sum row', () => cell((c) => ((c[0] = ['Total', 'Summe IV', 'Gesamttotal:', 'Σ', 'total'][rng.int(5)]), (c[1] = ''), rng.next() < 0.5 && (c[4] = c[5] = c[6] = '')))],
		['record called Total', () => cell((c) => (c[0] = 'Total'))],
		['unusual', () => cell((c) => (c[2] = '250000'))],
		['duplicate row', () => lines.splice(pick(), 0, lines[pick()])],
		['unterminated', () => cell((c) => (c[0] = `"${c[0]}`))]
	];
	const applied: string[] = [];
	for (let m = 1 + rng.int(2); m > 0; m--) {
		const [label, f] = kinds[rng.int(kinds.length)];
		f();
		applied.push(label);
	}
	return [applied.join('+'), lines.join('\n') + (rng.next() < 0.5 ? '\n' : '')];
}

describe('fast path in slices', () => {
	const dbs = twoDatabases();
	// 400 rows in slices of ~40 bytes: what a later slice shows must change how every slice was read, or decline.
	const rowsOf = (f: (i: number) => string) => 'customer_id;group;count;visits_per_year;lon;lat\n' + Array.from({ length: 400 }, (_, i) => f(i)).join('\n') + '\n';
	const plain = (i: number, visits: string) => `C${i};insured;1;${visits};8.3${i % 10};47.05`;
	const cases: [string, string, boolean][] = [
		['clean', rowsOf((i) => plain(i, '2')), true],
		['decimal commas from row 300 on (an unambiguous one among the sample rows)', rowsOf((i) => plain(i, i >= 300 ? `${i % 7},5` : '3')), true],
		['decimal points early, commas late: declined', rowsOf((i) => plain(i, i >= 300 ? '2,5' : '2.5')), false],
		['"1,500" late with no unambiguous comma: declined', rowsOf((i) => plain(i, i === 350 ? '1,500' : '2')), false],
		['spaces at the edges only late', rowsOf((i) => (i >= 250 ? `C${i}; insured ;1;2;8.3;47.05` : plain(i, '2'))), true],
		['a tab at an edge only late', rowsOf((i) => (i === 390 ? `\tC${i};insured;1;2;8.3;47.05` : plain(i, '2'))), true],
		['a bad point in the last rows', rowsOf((i) => (i === 399 ? `C${i};insured;1;2;9.9;48.5` : plain(i, '2'))), false],
		['a word in a number column late', rowsOf((i) => plain(i, i === 380 ? 'oft' : '2')), false],
		['CRLF line ends', rowsOf((i) => plain(i, '2')).replaceAll('\n', '\r\n'), true],
		['CR line ends', rowsOf((i) => plain(i, '2')).replaceAll('\n', '\r'), true],
		['quoted line breaks', rowsOf((i) => (i % 50 === 0 ? `"C${i}\nb";insured;1;2;8.3;47.05` : plain(i, '2'))), true]
	];
	for (const [label, text, fast] of cases)
		it(label, async () => {
			for (const sizes of [TINY, { chunkBytes: 64, firstSliceBytes: 100, sliceBytes: 1000 }]) {
				const r = await both(dbs(), 'customers', 's.csv', enc(text), sizes);
				expect(r.detail).toBe('');
				expect(r.fast && !r.fast.ok ? r.fast.reason : 'taken').toSatisfy((x: string) => (x === 'taken') === fast);
			}
		});
});

describe('fast path: cancel and staging', () => {
	it('a cancel leaves the previous table and no staging or temporary table behind', async () => {
		const db = await openNodeDb();
		for (const t of tableNames) await db.exec(createTableSql(tables[t]));
		const text = 'customer_id,group,count,visits_per_year,lon,lat\n' + Array.from({ length: 5000 }, (_, i) => `C${i},insured,1,2,8.3,47.05`).join('\n');
		const ok = await importToDb(db, 'customers', { fileName: 'a.csv', bytes: enc(text) }, { refs, onFastPath: (o) => expect(o.ok).toBe(true) });
		expect(ok.committed).toBe(true);
		const ac = new AbortController();
		const r = await importToDb(db, 'customers', { fileName: 'b.csv', bytes: enc(text.replaceAll('insured', 'employer')) }, { refs, signal: ac.signal, onProgress: (f) => f > 0.5 && ac.abort() });
		expect(r).toMatchObject({ cancelled: true, committed: false });
		expect(await rows(db, `SELECT count(*)::INTEGER AS n, min("group") AS g FROM customers`)).toEqual([{ n: 5000, g: 'insured' }]);
		expect(await rows(db, "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '\\_\\_%' ESCAPE '\\'")).toEqual([]);
		await db.close();
	});

	it('the UTF-16 copy moves the progress bar and can be cancelled; the bar never goes back', async () => {
		const db = await openNodeDb();
		for (const t of tableNames) await db.exec(createTableSql(tables[t]));
		// 9 MB of UTF-16: three of the copy's 4 MB reads.
		const text = '\ufeffcustomer_id\tgroup\tcount\tvisits_per_year\tlon\tlat\n' + Array.from({ length: 150_000 }, (_, i) => `Kü${i}\tinsured\t1\t2\t8.3\t47.05`).join('\n');
		const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
		expect(bytes.length).toBeGreaterThan(8 << 20);
		const seen: number[] = [];
		const r = await importToDb(db, 'customers', { fileName: 'u.txt', bytes }, { refs, onProgress: (f) => seen.push(f), onFastPath: (o) => expect(o.ok).toBe(true) });
		expect(r.committed).toBe(true);
		expect(seen).toEqual([...seen].sort((a, b) => a - b));
		// The copy's share is 0.2 of the fast path's 0.9 of the bar.
		expect(seen.filter((f) => f > 0 && f <= 0.18 + 1e-9).length).toBeGreaterThanOrEqual(3);
		const ac = new AbortController();
		const cancelled = await importToDb(db, 'customers', { fileName: 'u.txt', bytes }, { refs, signal: ac.signal, onProgress: (f) => f > 0 && ac.abort() });
		expect(cancelled).toMatchObject({ cancelled: true, committed: false });
		await db.close();
	});
});

describe('byte scan = our parser', () => {
	it('reads a number, and the edges of a text, the same whole and byte by byte (the common forms take a shortcut)', async () => {
		const rng = createRng(23);
		const pieces = ['0', '1', '7', '00', '.', ',', '-', '+', 'e', 'E', ' ', '12', '3.5', 'x'];
		const fields: string[] = [];
		for (let i = 0; i < 3000; i++) {
			let f = '';
			for (let n = 1 + rng.int(5); n > 0; n--) f += pieces[rng.int(pieces.length)];
			fields.push(f.includes(',') ? `"${f}"` : f);
		}
		// One field per row: plain numbers, and every odd form beside them in other rows; the same again as text (its edges).
		const csvOf = (xs: string[]) => enc('v,w\n' + xs.map((f) => `${f},${f}`).join('\n') + '\n');
		for (let k = 0; k < fields.length; k += 50) {
			const bytes = csvOf(fields.slice(k, k + 50));
			const read = async (chunkBytes: number) => {
				const r = await scanCsv(bytesSource(bytes), { delimiter: ',', headerLine: 1, width: 2, numberColumns: [0], extract: [{ index: 0, kind: 'number' }], sampleRows: 20, chunkBytes });
				return JSON.stringify([r.columns, Array.from(r.extracted.get(0) as Float64Array)]);
			};
			expect([k, await read(1 << 20)]).toEqual([k, await read(1)]);
		}
		for (const f of fields) {
			const one = async (chunkBytes: number) => {
				const r = await scanCsv(bytesSource(csvOf([f])), { delimiter: ',', headerLine: 1, width: 2, numberColumns: [0], extract: [{ index: 0, kind: 'number' }], sampleRows: 20, chunkBytes });
				return JSON.stringify([r.columns[0], Array.from(r.extracted.get(0) as Float64Array)]);
			};
			expect([f, await one(1 << 20)]).toEqual([f, await one(1)]);
		}
	});

	it('finds bytes that are not UTF-8 in any chunk, and a character cut at a chunk end only when it is broken', async () => {
		const scan = async (bytes: Uint8Array, chunkBytes: number) =>
			(await scanCsv(bytesSource(bytes), { delimiter: ',', headerLine: 1, width: 2, numberColumns: [], sampleRows: 10, chunkBytes })).reason ?? 'ok';
		const text = 'a,b\n' + 'x,y\n'.repeat(40);
		const at = (s: string, k: number, insert: number[]) => {
			const b = enc(s);
			return new Uint8Array([...b.subarray(0, k), ...insert, ...b.subarray(k)]);
		};
		for (const chunkBytes of [4, 8, 16, 1 << 20]) {
			expect(await scan(at(text, 100, [0xc3, 0xa4]), chunkBytes)).toBe('ok'); // ä, wherever the chunk ends
			expect(await scan(at(text, 100, [0xe4]), chunkBytes)).toBe('not UTF-8'); // ä in Windows-1252, late in the file
			expect(await scan(at(text, 100, [0xc3]), chunkBytes)).toBe('not UTF-8'); // a cut character followed by ASCII
			expect(await scan(at(text, 101, [0xe2, 0x80, 0xae]), chunkBytes)).toBe('invisible format characters'); // U+202E, wherever the chunk ends
			expect(await scan(at(text, 101, [0xf3, 0xa0, 0x81, 0x81]), chunkBytes)).toBe('invisible format characters'); // a tag character (U+E0041)
			expect(await scan(at(text, 101, [...enc('ZÃ¼rich')]), chunkBytes)).toBe('double-encoded text'); // C3 83 C2 BC, wherever the chunk ends
			for (const mac of ['Z√ºrich', '¬†', 'l‚Äôa']) expect(await scan(at(text, 101, [...enc(mac)]), chunkBytes)).toBe('double-encoded text'); // through Mac Roman
		}
	});

	it('reads Windows-1252 as such: every byte a character, the soft hyphen invisible, NBSP whitespace at an edge', async () => {
		const scan = (bytes: Uint8Array, chunkBytes = 1 << 20) =>
			scanCsv(bytesSource(bytes), { delimiter: ';', encoding: 'windows-1252', headerLine: 1, width: 2, numberColumns: [1], extract: [{ index: 0, kind: 'text' }], sampleRows: 10, chunkBytes });
		const latin = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
		const all = await scan(latin('a;b\n\xe4\x80\x92;1\n\xfc;2\n'), 3); // ä€’ ; ü: one byte each, cut anywhere
		expect([all.safe, all.rows, all.extracted.get(0)]).toEqual([true, 2, ['ä€’', 'ü']]);
		expect((await scan(latin('a;b\nx\xady;1\n'))).reason).toBe('invisible format characters'); // soft hyphen
		expect((await scan(latin('a;b\n\xa0x;1\n'))).columns[0].edge).toBe(EDGE_OTHER); // NBSP first
		expect((await scan(latin('a;b\nx\xa0;1\n'))).columns[0].edge).toBe(EDGE_OTHER); // NBSP last
		expect((await scan(latin('a;b\n\xc2x\xbf;1\n'))).columns[0].edge).toBe(EDGE_NONE); // Â…¿: not whitespace here
		expect((await scan(latin('a;b\nx;1\x92234\n'))).columns[1].plain).toBe(false); // 1’234
		// UTF-8 saved as Windows-1252 («ZÃ¼rich» is C3 BC there), wherever the chunks end: the validator's to warn of.
		for (const chunkBytes of [1, 2, 3, 1 << 20]) expect((await scan(latin('a;b\nZ\xc3\xbcrich;1\n'), chunkBytes)).reason).toBe('double-encoded text');
		expect((await scan(latin('a;b\nS\xe3o \xc3x;1\n'))).reason).toBeUndefined(); // São, and Ã before a letter
		// A row of blank fields, which our parser skips and DuckDB would read: left to the reference path.
		for (const blank of [';', ' ; ', '"";\t']) expect((await scan(latin(`a;b\nx;1\n${blank}\ny;2\n`))).reason).toBe('a row of blank fields');
		expect((await scan(latin('a;b\nx;\n;1\n'))).reason).toBeUndefined(); // one value is enough
	});

	it('decodes and transcodes Windows-1252 by the standard, 0x80–0x9F included (Node\'s own decoder reads them as ISO-8859-1)', () => {
		const rng = createRng(5);
		const every = Uint8Array.from({ length: 256 }, (_, b) => b);
		// The 32 bytes where Windows-1252 and ISO-8859-1 differ, as Python's cp1252 and the WHATWG index read them.
		expect(windows1252Decoder().decode(every.subarray(0x80, 0xa0))).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ');
		expect(windows1252Decoder().decode(every.subarray(0xa0))).toBe(String.fromCharCode(...every.subarray(0xa0)));
		const bytes = Uint8Array.from({ length: 5000 }, () => (rng.next() < 0.7 ? 32 + rng.int(95) : rng.int(256)));
		for (const b of [every, bytes]) expect(new TextDecoder().decode(windows1252ToUtf8(b))).toBe(windows1252Decoder().decode(b));
		const ascii = enc('plain;ascii\n');
		expect(windows1252ToUtf8(ascii)).toBe(ascii); // not copied
	});

	it('hands out each slice\'s bytes as they are in the file, BOM and header included, in buffers of their own', async () => {
		const rng = createRng(11);
		const alphabet = ['a', ',', '"x,\ny"', '\n', '\r\n', '\r', '1', 'ä'];
		for (let k = 0; k < 200; k++) {
			let text = (k % 2 ? '\ufeff' : '') + 'h1,h2\n';
			for (let n = 20 + rng.int(200); n > 0; n--) text += alphabet[rng.int(alphabet.length)];
			const bytes = enc(text);
			for (const [chunkBytes, sliceBytes] of [[1, 5], [3, 8], [64, 64]]) {
				const s = new SliceScanner(bytesSource(bytes), { delimiter: ',', headerLine: 1, width: 2, numberColumns: [], sampleRows: 10, start: k % 2 ? 3 : 0, chunkBytes, firstSliceBytes: sliceBytes, sliceBytes, keepBytes: true });
				let end = 0;
				for (let slice = await s.next(); slice; slice = await s.next()) {
					expect([k, slice.from]).toEqual([k, end]);
					expect(Array.from(slice.bytes!)).toEqual(Array.from(bytes.subarray(slice.from, slice.to)));
					expect(slice.bytes!.byteOffset === 0 && slice.bytes!.buffer.byteLength === slice.bytes!.length).toBe(true);
					end = slice.to;
				}
				expect(end).toBe(bytes.length);
			}
		}
	});

	it('counts the rows our parser sees, at every chunk size, or says it cannot', async () => {
		const rng = createRng(7);
		const alphabet = ['a', 'b', ',', ';', '"', '""', '\n', '\r\n', '\r', ' ', '1', '2.5', '', 'ä'];
		for (let k = 0; k < 400; k++) {
			let text = 'h1,h2,h3\n';
			for (let n = 5 + rng.int(40); n > 0; n--) text += alphabet[rng.int(alphabet.length)];
			let parsed: number | null;
			try {
				const { rows, lines } = new CsvRowParser(',').push(text, true);
				parsed = rows.filter((_, i) => lines[i] > 1).length;
			} catch {
				parsed = null;
			}
			for (const chunkBytes of [1, 3, 1 << 20]) {
				const s = await scanCsv(bytesSource(enc(text)), { delimiter: ',', headerLine: 1, width: 3, numberColumns: [], sampleRows: 10, chunkBytes });
				if (s.safe) expect([k, chunkBytes, JSON.stringify(text), s.rows]).toEqual([k, chunkBytes, JSON.stringify(text), parsed]);
			}
		}
	});
});
