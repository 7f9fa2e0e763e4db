/**
 * Inputs that used to hang or crash (issue 13 item 6): a 50 MB single-line CSV, a line of millions of
 * columns, a field of megabytes, a workbook or Parquet column that inflates a thousandfold. Each ends in
 * one clear file-level message naming the row (and column) where one applies, read no further than the
 * limit, whatever entry point the app or the CLI uses.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipDirectorySync } from '../../src/lib/util/zip.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { importFile, ImportSession, importToDb } from '../../src/lib/data/import/index.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { CSV_LIMITS, CsvError, CsvRowParser } from '../../src/lib/util/csv.ts';

const refs = loadGeoRefs();
const where = (r: { issues: { row: number | null; column: string | null; code: string }[] }) => r.issues.map((i) => [i.row, i.column, i.code]);

/** `n` bytes of one repeated unit, as a file. */
function repeat(head: string, unit: string, bytes: number): Uint8Array<ArrayBuffer> {
	const h = new TextEncoder().encode(head);
	const u = new TextEncoder().encode(unit);
	const out = new Uint8Array(h.length + bytes);
	out.set(h);
	for (let at = h.length; at < out.length; at += u.length) out.set(u.subarray(0, Math.min(u.length, out.length - at)), at);
	return out;
}

describe('column limit in every format', () => {
	it('a GeoJSON whose features carry 1,500 property names is refused before any mapping', async () => {
		const properties = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`p${i}`, i]));
		const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [8.3, 47.05] }, properties }] });
		const r = await importFile('sites', { fileName: 'viele.geojson', bytes: new TextEncoder().encode(geojson) }, { refs });
		expect(where(r)).toEqual([[null, null, 'too_many_columns']]);
		expect(r.issues[0].message.de).toMatch(/^Die Datei hat 1.502 Spalten, mehr als 1.000/);
		// The streaming session (the app's import worker, the CLI) says the same.
		const db = await openNodeDb();
		try {
			const s = await importToDb(db, 'sites', { fileName: 'viele.geojson', bytes: new TextEncoder().encode(geojson) }, { refs });
			expect([where(s), s.committed]).toEqual([[[null, null, 'too_many_columns']], false]);
		} finally {
			await db.close();
		}
		// At the limit it reads (and names the columns it does not use).
		const ok = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [8.3, 47.05] }, properties: Object.fromEntries(Object.entries(properties).slice(0, 998)) }] });
		expect((await importFile('sites', { fileName: 'ok.geojson', bytes: new TextEncoder().encode(ok) }, { refs })).issues.some((i) => i.code === 'too_many_columns')).toBe(false);
	});
});

describe('CSV limits', () => {
	it('a 50 MB single line of commas: too many columns, told at once', async () => {
		const bytes = repeat('', 'abc,', 50 << 20);
		const r = await importFile('staff', { fileName: 'one-line.csv', bytes }, { refs });
		expect(where(r)).toEqual([[1, null, 'too_many_columns']]);
		expect(r.issues[0].message.de).toMatch(/^Zeile 1 hat mehr als 1.000 Spalten/);
	});

	it('a 50 MB single line without delimiters: field too long (streaming, from a Blob)', async () => {
		const bytes = repeat('person_id,unit,fte,office_id,lon,lat\n', 'x', 50 << 20);
		const db = await openNodeDb();
		const r = await importToDb(db, 'staff', { fileName: 'blob.csv', blob: new Blob([bytes]) }, { refs });
		expect(where(r)).toEqual([[2, 'person_id', 'field_too_long']]);
		await db.close();
	});

	it('a quote that never closes in a large file is caught by the field limit, naming where it opened', async () => {
		const rows = Array.from({ length: 60_000 }, (_, i) => `P${i},AK,1,AK-LAND,8.31,47.05`);
		rows[10] = 'P10,"AK,1,AK-LAND,8.31,47.05';
		const bytes = new TextEncoder().encode('person_id,unit,fte,office_id,lon,lat\n' + rows.join('\n') + '\n');
		const s = ImportSession.open('staff', { fileName: 'q.csv', bytes }, { refs, chunkBytes: 64 * 1024 });
		const r = await importFile('staff', { fileName: 'q.csv', bytes }, { refs });
		expect(where(r)).toEqual([[12, 'unit', 'field_too_long']]);
		expect(r.issues[0].message.en).toMatch(/probably a quote that is never closed/);
		await expect(s.then((x) => x.next())).rejects.toMatchObject({ code: 'field_too_long', where: { row: 12, column: 'unit' } });
	});

	it('a row longer than the row limit, made of fields below the field limit', () => {
		const field = 'y'.repeat(CSV_LIMITS.maxFieldChars - 1);
		const line = Array.from({ length: 11 }, () => field).join(',');
		expect(() => new CsvRowParser(',').push('a,b\n' + line + '\n', true)).toThrow(CsvError);
		try {
			new CsvRowParser(',').push('a,b\n' + line + '\n', true);
		} catch (e) {
			expect(e).toMatchObject({ code: 'row_too_long', line: 2 });
		}
	});

	it('limits hold at every chunk size: a carried row never grows past the row limit', () => {
		const p = new CsvRowParser(',', { maxRowChars: 1000, maxFieldChars: 100, maxColumns: 50 });
		expect(() => {
			for (let i = 0; i < 100; i++) p.push('x'.repeat(50) + ',', false);
		}).toThrow(/too_many_columns|row_too_long/);
	});
});

describe('a workbook that inflates beyond reason (zip bomb) is refused before exceljs holds it', () => {
	const good = new Uint8Array(readFileSync(path.resolve(__dirname, '../fixtures/import/good/offices.xlsx')));
	const parts = unzipSync(good);
	const sheet = Object.keys(parts).find((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))!;
	it('a sheet padded to 16 MB of blanks (~1000× its compressed size): one file-level message', async () => {
		const xml = new TextDecoder().decode(parts[sheet]);
		const padded = repeat(xml.replace(/<\/worksheet>\s*$/, ''), ' ', 16 * 2 ** 20);
		padded.set(new TextEncoder().encode('</worksheet>'), padded.length - 12); // still well-formed XML
		const bomb = zipSync({ ...parts, [sheet]: padded }, { level: 6 });
		expect(bomb.length).toBeLessThan(200 * 1024);
		const r = await importFile('offices', { fileName: 'offices.xlsx', bytes: bomb }, { refs });
		expect(where(r)).toEqual([[null, null, 'xlsx_too_large']]);
		expect(r.issues[0].message.en).toContain(sheet);
	});
	it('a part whose declared size is smaller than what it inflates to is damaged, not read', async () => {
		const zip = zipSync(parts);
		const entries = readZipDirectorySync(zip);
		const e = entries.find((x) => x.name === sheet)!;
		// Central directory record of the sheet: its uncompressed size sits 24 bytes in.
		const cd = new DataView(zip.buffer, zip.byteOffset);
		for (let p = zip.length - 22; p > 0; p--)
			if (cd.getUint32(p, true) === 0x02014b50 && cd.getUint32(p + 42, true) === e.localHeaderOffset) {
				cd.setUint32(p + 24, e.uncompressedSize - 100, true);
				break;
			}
		const r = await importFile('offices', { fileName: 'offices.xlsx', bytes: zip }, { refs });
		expect(where(r)).toEqual([[null, null, 'xlsx_unreadable']]);
	});
	it('the good workbook still reads', async () => {
		const r = await importFile('offices', { fileName: 'offices.xlsx', bytes: good }, { refs });
		expect(r.result?.stats.rows).toBe(2);
	});
});

describe('a Parquet column that declares it inflates beyond reason is refused before it is decoded', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'parquet-bomb-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	/** Customers with a `note` column (an SQL expression over i), written by native DuckDB as Parquet. */
	async function customersParquet(note: string, rows: number, codec: string) {
		const file = path.join(dir, `customers-${codec}-${rows}.parquet`);
		const con = await (await DuckDBInstance.create(':memory:')).connect();
		await con.run(`COPY (SELECT 'C' || i AS customer_id, 'insured' AS "group", 1 AS count, 8.3 AS lon, 47.05 AS lat, ${note} AS note
			FROM range(${rows}) t(i)) TO '${file}' (FORMAT parquet, COMPRESSION ${codec})`);
		return { file, con, bytes: new Uint8Array(readFileSync(file)) };
	}
	it('20 MB of repeated text in zstd (~1000× its size): one file-level message naming the column', async () => {
		const bomb = await customersParquet(`repeat('x', 20000) || i`, 1000, 'zstd');
		expect(bomb.bytes.length).toBeLessThan(200 * 1024);
		const r = await importFile('customers', { fileName: 'customers.parquet', bytes: bomb.bytes }, { refs });
		expect(where(r)).toEqual([[null, null, 'parquet_too_large']]);
		expect(r.issues[0].message.en).toContain('"note"');
		// The same rows with ordinary text read.
		const ordinary = await customersParquet(`'Notiz ' || i`, 1000, 'zstd');
		const ok = await importFile('customers', { fileName: 'customers.parquet', bytes: ordinary.bytes }, { refs });
		expect(ok.result?.stats.rows).toBe(1000);
	});
	it('a page whose header lies (134 MB declared inside an honest 2.4 MB column chunk) is refused before it is allocated', async () => {
		const { file, con, bytes } = await customersParquet(`repeat('ab', 600) || i`, 2000, 'gzip');
		const [m] = (await con.runAndReadAll(`SELECT coalesce(dictionary_page_offset, data_page_offset) AS at FROM parquet_metadata('${file}') WHERE path_in_schema = 'note'`)).getRowObjects();
		const ok = await importFile('customers', { fileName: 'customers.parquet', bytes: bytes.slice() }, { refs });
		expect(ok.result?.stats.rows).toBe(2000);
		// The page header (Thrift compact): field 1 type, then field 2 uncompressed_page_size as a zigzag varint.
		const at = Number(m.at);
		expect([bytes[at], bytes[at + 2]]).toEqual([0x15, 0x15]);
		let end = at + 3;
		while (bytes[end] & 0x80) end++;
		expect(end - (at + 3)).toBe(3); // a four-byte varint, replaced in place by the largest four-byte size
		bytes.set([0xfe, 0xff, 0xff, 0x7f], at + 3);
		const r = await importFile('customers', { fileName: 'customers.parquet', bytes }, { refs });
		expect(where(r)).toEqual([[null, null, 'parquet_too_large']]);
		expect(r.issues[0].message.en).toContain('a page (GZIP) expands');
	});
});
