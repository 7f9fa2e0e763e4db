/**
 * Misnamed files (content-format.ts): a workbook, Parquet file or text table under another format's name
 * is read for what it is, with a warning that says so; content no reader takes is refused by name; both
 * entry points (importFile, whole file; importToDb, streamed, with the CSV fast path) decide alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { rows } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { contentKind, readFormat } from '../../src/lib/data/import/content-format.ts';
import { uniqueHeaders } from '../../src/lib/data/import/header-row.ts';
import { importFile, importToDb, type ImportIssue } from '../../src/lib/data/import/index.ts';
import type { TableName } from '../../src/lib/data/schema.ts';

const ROOT = path.resolve(__dirname, '../..');
const file = (rel: string) => new Uint8Array(readFileSync(path.join(ROOT, rel)));
const enc = (s: string) => new TextEncoder().encode(s);
const refs = loadGeoRefs();
const XLSX = file('tests/fixtures/import/good/offices.xlsx');
const PARQUET = file('tests/fixtures/import/good/customers.parquet');
const OFFICES_CSV = file('data/demo/offices.csv');
const SITES_CSV = file('data/demo/sites.csv');
const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]);
const PDF = enc('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
/** Bytes of a deterministic pseudo-random stream (a binary file). */
function noise(n: number): Uint8Array {
	const out = new Uint8Array(n);
	let x = 2463534242;
	for (let i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out[i] = x & 0xff;
	}
	return out;
}
/** A zip archive holding one CSV (stored, not compressed): not a workbook. */
function zipOf(name: string, body: Uint8Array): Uint8Array {
	const n = enc(name);
	const h = new Uint8Array(30 + n.length);
	const v = new DataView(h.buffer);
	v.setUint32(0, 0x04034b50, true);
	v.setUint32(18, body.length, true);
	v.setUint32(22, body.length, true);
	v.setUint16(26, n.length, true);
	h.set(n, 30);
	return new Uint8Array([...h, ...body]);
}
const utf16le = (s: string) => {
	const b = new Uint8Array(s.length * 2);
	for (let i = 0; i < s.length; i++) {
		b[2 * i] = s.charCodeAt(i) & 0xff;
		b[2 * i + 1] = s.charCodeAt(i) >> 8;
	}
	return b;
};

const errors = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'error');
const codes = (issues: ImportIssue[]) => issues.map((i) => i.code);

describe('contentKind', () => {
	it('tells each kind from its first bytes', () => {
		expect(contentKind(XLSX.subarray(0, 4096))).toBe('xlsx');
		expect(contentKind(PARQUET.subarray(0, 4096))).toBe('parquet');
		expect(contentKind(OLE)).toBe('xls');
		expect(contentKind(PDF)).toBe('pdf');
		expect(contentKind(gzipSync(OFFICES_CSV))).toBe('gzip');
		expect(contentKind(zipOf('offices.csv', OFFICES_CSV))).toBe('zip');
		expect(contentKind(zipOf('mimetype', enc('application/vnd.oasis.opendocument.spreadsheet')))).toBe('ods');
		expect(contentKind(noise(4096))).toBe('binary');
		expect(contentKind(OFFICES_CSV)).toBe('text');
		// UTF-16 holds a NUL beside every ASCII character: text, with and without a BOM.
		expect(contentKind(new Uint8Array([0xff, 0xfe, ...utf16le('office_id;name\r\n')]))).toBe('text');
		expect(contentKind(utf16le('office_id;name\r\nA;B\r\n'))).toBe('text');
		// A stray NUL in a text export stays text (the validator names its row and column).
		expect(contentKind(new Uint8Array([...OFFICES_CSV.subarray(0, 300), 0, ...OFFICES_CSV.subarray(300, 900)]))).toBe('text');
	});
});

describe('readFormat', () => {
	it('reads by name when the content agrees, and says so when it does not', () => {
		expect(readFormat('offices.csv', OFFICES_CSV)).toEqual({ format: 'csv' });
		expect(readFormat('offices.xlsx', XLSX)).toEqual({ format: 'xlsx' });
		expect(readFormat('Bueros_mit_Makros.xlsm', XLSX)).toEqual({ format: 'xlsx' });
		expect(readFormat('sites.geojson', enc('\ufeff  {"type":"FeatureCollection"}'))).toEqual({ format: 'geojson' });
		const r = readFormat('Mitarbeitende.CSV', XLSX);
		expect(r.format).toBe('xlsx');
		expect(r.note?.code).toBe('content_not_name');
		expect(r.note?.message.de).toContain('.CSV');
		expect(r.note?.message.en).toContain('Excel workbook');
		expect(readFormat('offices.parquet', OFFICES_CSV).format).toBe('csv');
		expect(readFormat('sites.geojson', SITES_CSV).format).toBe('csv');
		expect(readFormat('sites.csv', enc('{"type":"FeatureCollection","features":[]}')).format).toBe('geojson');
	});
	it('leaves an unusual workbook and a damaged binary file to their own readers', () => {
		expect(readFormat('offices.xlsx', zipOf('docProps/app.xml', enc('<x/>'))).format).toBe('xlsx');
		expect(readFormat('customers.parquet', noise(4096)).format).toBe('parquet');
	});
	it('refuses content no reader takes, and names it', () => {
		const refused = (name: string, head: Uint8Array) => {
			try {
				readFormat(name, head);
			} catch (e) {
				return (e as { code: string }).code;
			}
			return 'read';
		};
		expect(refused('offices.xlsx', OLE)).toBe('content_xls');
		expect(refused('offices.csv', OLE)).toBe('content_xls');
		expect(refused('offices.xlsx', zipOf('mimetype', enc('application/vnd.oasis.opendocument.spreadsheet')))).toBe('content_ods');
		expect(refused('sites.csv', PDF)).toBe('content_pdf');
		expect(refused('sites.csv', zipOf('sites.csv', SITES_CSV))).toBe('content_zip');
		expect(refused('sites.csv', gzipSync(SITES_CSV))).toBe('content_gzip');
		expect(refused('sites.csv', noise(4096))).toBe('content_binary');
		expect(refused('sites.docx', SITES_CSV)).toBe('unsupported_format');
		// A web page saved as «.xls» or «.csv» (as SAP and others export a table), a JSON list as «.csv», an old workbook as «.xls».
		const page = enc('\ufeff\n<!DOCTYPE html><html><body><table><tr><td>person_id</td></tr></table></body></html>');
		expect(['export.xls', 'export.csv', 'export.xlsx'].map((n) => refused(n, page))).toEqual(['content_html', 'content_html', 'content_html']);
		expect(refused('export.csv', enc('<?xml version="1.0"?><Workbook/>'))).toBe('content_html');
		expect(refused('staff.csv', enc('[\n  {"person_id": "P1"}\n]'))).toBe('content_json');
		expect(refused('offices.xls', OLE)).toBe('content_xls');
		// A header row that only starts with «<» is a CSV.
		expect(readFormat('staff.csv', enc('<id>,unit\n1,AK\n')).format).toBe('csv');
	});
});

describe('misnamed files through both entry points', () => {
	let db: Db;
	beforeAll(async () => {
		db = await openNodeDb();
	});
	afterAll(async () => {
		await db.close();
	});

	const cases: { name: string; table: TableName; fileName: string; bytes: Uint8Array; rows: number }[] = [
		{ name: 'an Excel workbook named .csv', table: 'offices', fileName: 'offices.csv', bytes: XLSX, rows: 2 },
		{ name: 'a Parquet file named .csv', table: 'customers', fileName: 'customers.csv', bytes: PARQUET, rows: 3 },
		{ name: 'a CSV named .xlsx', table: 'offices', fileName: 'offices.xlsx', bytes: OFFICES_CSV, rows: 9 },
		{ name: 'a CSV named .geojson', table: 'sites', fileName: 'sites.geojson', bytes: SITES_CSV, rows: 8 }
	];
	for (const c of cases)
		it(`${c.name}: read for what it is, with one warning saying so`, async () => {
			const whole = await importFile(c.table, { fileName: c.fileName, bytes: c.bytes }, { refs });
			expect(errors(whole.issues)).toEqual([]);
			expect(whole.result?.stats.rows).toBe(c.rows);
			expect(codes(whole.issues).filter((k) => k === 'content_not_name')).toHaveLength(1);

			const streamed = await importToDb(db, c.table, { fileName: c.fileName, bytes: c.bytes }, { refs });
			expect(errors(streamed.issues)).toEqual([]);
			expect(streamed.committed).toBe(true);
			expect(codes(streamed.issues).filter((k) => k === 'content_not_name')).toHaveLength(1);
			const [{ n }] = await rows<{ n: number }>(db, `SELECT count(*)::INTEGER AS n FROM ${c.table}`);
			expect(n).toBe(c.rows);
		});

	it('refused content: one file-level error, nothing committed', async () => {
		const [{ n: before }] = await rows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM sites');
		for (const [bytes, code] of [
			[PDF, 'content_pdf'],
			[noise(20_000), 'content_binary'],
			[OLE, 'content_xls']
		] as const) {
			const whole = await importFile('sites', { fileName: 'sites.csv', bytes }, { refs });
			expect(errors(whole.issues).map((i) => [i.row, i.column, i.code])).toEqual([[null, null, code]]);
			const streamed = await importToDb(db, 'sites', { fileName: 'sites.csv', bytes }, { refs });
			expect(errors(streamed.issues).map((i) => i.code)).toEqual([code]);
			expect(streamed.committed).toBe(false);
		}
		const [{ n: after }] = await rows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM sites');
		expect(after).toBe(before);
	});
});

describe('GeoJSON nested deeper than the stack', () => {
	it('gives a cell message, not a crash', async () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"site_id":"A","name":"x","note":${deep}},"geometry":{"type":"Point","coordinates":[${deep},47.05]}}]}`;
		const r = await importFile('sites', { fileName: 'sites.geojson', bytes: enc(text) }, { refs });
		expect(r.issues.some((i) => i.code === 'unreadable')).toBe(false);
		expect(r.issues.find((i) => i.row === 1 && i.column === 'lon')).toBeTruthy();
	});
});

describe('repeated column names', () => {
	it('later ones get a number, never a name the file already has', () => {
		const u = uniqueHeaders(['id', 'name', 'name (2)', 'name', '', '', 'id']);
		expect(u.headers).toEqual(['id', 'name', 'name (2)', 'name (3)', '', '', 'id (2)']);
		expect(u.notes.map((n) => n.code)).toEqual(['duplicate_header', 'duplicate_header']);
		expect(u.notes[0].message.en).toContain('columns 1, 7');
		expect(uniqueHeaders(['a', 'b']).notes).toEqual([]);
	});

	let db: Db;
	beforeAll(async () => {
		db = await openNodeDb();
	});
	afterAll(async () => {
		await db.close();
	});
	// The second "name" column holds the names the user wants; the first is an internal code.
	const lines = new TextDecoder().decode(SITES_CSV).trim().split('\n');
	const csv = [lines[0].replace('site_id,name,', 'site_id,name,name,'), ...lines.slice(1).map((l, i) => l.replace(/^([^,]+),/, `$1,CODE${i},`))].join('\n') + '\n';
	it('the first is read by default; the mapping can choose another, on the fast and the reference path alike', async () => {
		const whole = await importFile('sites', { fileName: 'sites.csv', bytes: enc(csv) }, { refs });
		expect(whole.issues.filter((i) => i.code === 'duplicate_header')).toHaveLength(1);
		expect(whole.result?.preview[0].name).toBe('CODE0');
		const names: string[][] = [];
		for (const fast of [true, false]) {
			let took = false;
			const r = await importToDb(db, 'sites', { fileName: 'sites.csv', bytes: enc(csv) }, { refs, fast, mapping: { name: 'name (2)' }, onFastPath: (o) => (took = o.ok) });
			expect(errors(r.issues)).toEqual([]);
			expect(took).toBe(fast);
			names.push((await rows<{ name: string }>(db, 'SELECT name FROM sites ORDER BY site_id')).map((x) => x.name));
		}
		expect(names[0]).toContain('Eichhof-West');
		expect(names[1]).toEqual(names[0]);
	});
});

describe('coordinates in more than one system', () => {
	let db: Db;
	beforeAll(async () => {
		db = await openNodeDb();
	});
	afterAll(async () => {
		await db.close();
	});
	// Points near Lucerne station in LV95, and one in LV03 (as from a second agency's list).
	const rowsOf = (pairs: string[]) => ['person_id,unit,fte,office_id,e,n', ...pairs.map((p, i) => `P${i},IV,1,IV-LAND35,${p}`)].join('\n') + '\n';
	const mixed = rowsOf(['2666200,1211200', '2666300,1211250', '666200,211200']);
	it('named with the count per system, alike on the fast and the reference path; one system alone is not', async () => {
		const messages: string[] = [];
		for (const fast of [true, false]) {
			let took = false;
			const r = await importToDb(db, 'staff', { fileName: 'staff.csv', bytes: enc(mixed) }, { refs, fast, onFastPath: (o) => (took = o.ok) });
			expect(took).toBe(fast);
			const m = r.issues.filter((i) => i.code === 'coords_mixed');
			expect(m).toHaveLength(1);
			messages.push(m[0].message.en);
		}
		expect(messages[1]).toBe(messages[0]);
		expect(messages[0]).toContain('LV95 (EPSG:2056): 2 rows; LV03 (EPSG:21781): 1 row');
		const same = await importFile('staff', { fileName: 'staff.csv', bytes: enc(rowsOf(['2666200,1211200', '2666300,1211250'])) }, { refs });
		expect(same.issues.map((i) => i.code)).toEqual([]);
		const lv03 = await importFile('staff', { fileName: 'staff.csv', bytes: enc(rowsOf(['666200,211200', '666300,211250'])) }, { refs });
		expect(lv03.issues.map((i) => i.code)).toEqual(['coords_converted']);
		expect(lv03.issues[0].message.de).toContain('LV03 (EPSG:21781), nicht LV95 (EPSG:2056)');
	});
});
